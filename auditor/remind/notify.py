"""Desktop notifications through each platform's own notifier.

notify-send (Linux), osascript (macOS) and PowerShell toasts (Windows) ship with the
desktop, so no Python package is needed and nothing heavy is imported on the cron
path. Text travels as arguments or environment variables, never spliced into a
script, so quotes in a rule title cannot break the command. Any failure (no notifier,
no desktop session under cron) returns False and the caller prints instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence

TIMEOUT_SECONDS = 15
APP_NAME = "auditor"

# Windows only shows toasts for a registered AppUserModelID; PowerShell's own is always there.
_POWERSHELL_APP_ID = r"{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}\WindowsPowerShell\v1.0\powershell.exe"
_TOAST_SCRIPT = (
    "[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, "
    "ContentType = WindowsRuntime] > $null; "
    "$t = [Windows.UI.Notifications.ToastNotificationManager]::GetTemplateContent("
    "[Windows.UI.Notifications.ToastTemplateType]::ToastText02); "
    "$x = $t.GetElementsByTagName('text'); "
    "$x.Item(0).AppendChild($t.CreateTextNode($env:AUDITOR_NOTIFY_TITLE)) > $null; "
    "$x.Item(1).AppendChild($t.CreateTextNode($env:AUDITOR_NOTIFY_BODY)) > $null; "
    "[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier("
    f"'{_POWERSHELL_APP_ID}').Show([Windows.UI.Notifications.ToastNotification]::new($t))"
)


def notifier_command(title: str, body: str, platform: str = sys.platform) -> tuple[list[str], dict[str, str]] | None:
    """The command (and extra environment) that shows a notification, or None if none is found."""
    if platform == "darwin":
        exe = shutil.which("osascript")
        if exe is None:
            return None
        script = ["-e", "on run argv", "-e",
                  "display notification (item 2 of argv) with title (item 1 of argv)", "-e", "end run"]
        return [exe, *script, title, body], {}
    if platform.startswith("win"):
        exe = shutil.which("powershell") or shutil.which("pwsh")
        if exe is None:
            return None
        env = {"AUDITOR_NOTIFY_TITLE": title, "AUDITOR_NOTIFY_BODY": body}
        return [exe, "-NoProfile", "-NonInteractive", "-Command", _TOAST_SCRIPT], env
    exe = shutil.which("notify-send")
    if exe is None:
        return None
    return [exe, f"--app-name={APP_NAME}", "--urgency=normal", title, body], {}


def notify(title: str, body: str) -> bool:
    """Show a desktop notification; False when the platform has none or it failed."""
    found = notifier_command(title, body)
    if found is None:
        return False
    argv, extra = found
    return _run(argv, {**os.environ, **extra})


def _run(argv: Sequence[str], env: dict[str, str]) -> bool:
    try:
        done = subprocess.run(
            list(argv), env=env, timeout=TIMEOUT_SECONDS, check=False,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0
