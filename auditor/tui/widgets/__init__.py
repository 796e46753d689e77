"""Small reusable widgets: dialogs and the title bar."""
