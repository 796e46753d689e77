"""The summary chart: activities per month, stacked by family (三会一课, 理论学习…).

Drawn with ReportLab's own graphics; fills differ in lightness as well as hue so the
bars stay apart in a black-and-white print.
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from auditor.report.doc import Chart

# Grey levels (luma) 46, 214, 122, 166, 81, 242, 95, 194: neighbours stay apart when
# printed in black and white, and the hues differ on screen.
PALETTE = ("#2b2b5c", "#f5d76e", "#3f8f5a", "#e39b5a", "#a33b3b", "#eef3fb", "#7a5195", "#9ecae1")


def activity_chart(chart_data: Chart, font: str, width: float) -> Drawing:
    labels = list(chart_data.months)
    series = [(name, list(values)) for name, values in chart_data.series]
    height = 200
    d = Drawing(width, height)
    d.initialFontName = font  # else the renderer starts in Helvetica, an unembedded font
    d.add(String(0, height - 12, chart_data.title, fontName=font, fontSize=10.5))
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 30
    chart.width, chart.height = width - 170, height - 60
    chart.data = [values for _, values in series] or [[0] * len(labels)]
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    top = max((sum(col) for col in zip(*chart.data, strict=True)), default=0)
    chart.valueAxis.valueMax = max(4, top + 1)
    chart.valueAxis.valueStep = max(1, (top + 5) // 5)
    chart.categoryAxis.style = "stacked"
    chart.barWidth = 10
    for i in range(len(chart.data)):
        chart.bars[i].fillColor = colors.HexColor(PALETTE[i % len(PALETTE)])
        chart.bars[i].strokeColor = colors.black
        chart.bars[i].strokeWidth = 0.3
    d.add(chart)
    if series:
        legend = Legend()
        legend.x, legend.y = width - 125, height - 30
        legend.fontName = font
        legend.fontSize = 8
        legend.alignment = "right"
        legend.columnMaximum = 10
        legend.colorNamePairs = [
            (colors.HexColor(PALETTE[i % len(PALETTE)]), f"{name} {sum(values)}")
            for i, (name, values) in enumerate(series)
        ]
        d.add(legend)
    return d
