"""Charts drawn on the server as SVG: no JavaScript, nothing fetched by the browser. Each chart is an
image to assistive technology (``role="img"`` named by its ``<title>`` and described by its
``<desc>``, which states the figures in words), and the page puts the same figures in a table beside
it. Colours are GOV.UK colours with at least 3:1 contrast against white, separated by white lines;
nothing depends on colour alone, since the table carries every figure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from cme.reporting.selectors import Bar, LocatedMonth, MonthSeries

TEXT = "#0b0c0c"
GRID = "#b1b4b6"
PALETTE = ("#1d70b8", "#00703c", "#912b88", "#d4351c", "#505a5f")
WIDTH = 480
FONT = 'font-family="Arial, sans-serif" font-size="15"'


def _svg(*, chart_id: str, title: str, desc: str, height: int, body: list[str]) -> SafeString:
    return mark_safe(  # noqa: S308 - every piece of text is escaped below
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="cme-chart" id="{chart_id}"'
        f' aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc" viewBox="0 0 {WIDTH} {height}"'
        f' width="100%" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def _nice_max(value: float) -> int:
    """A round number at least ``value`` for the top of an axis (1, 2, 5 times a power of ten)."""
    if value <= 0:
        return 1
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def month_label(month: date) -> str:
    return month.strftime("%b %Y")


def bar_chart(bars: Sequence[Bar], *, chart_id: str, title: str) -> SafeString:
    """Horizontal bars, one per category, each labelled with its count."""
    label_width, row, top = 200, 30, 8
    height = top * 2 + row * max(1, len(bars))
    top_value = _nice_max(max((bar.value for bar in bars), default=0))
    plot = WIDTH - label_width - 50
    body = [f'<g {FONT} fill="{TEXT}">']
    for index, bar in enumerate(bars):
        y = top + index * row
        width = round(plot * bar.value / top_value, 1)
        label = escape(_short(bar.label, 24))
        body.append(f'<text x="{label_width - 8}" y="{y + row / 2 + 4}" text-anchor="end">{label}</text>')
        if bar.value:
            body.append(
                f'<rect x="{label_width}" y="{y + 4}" width="{width}" height="{row - 8}" fill="{PALETTE[0]}"></rect>'
            )
        body.append(f'<text x="{label_width + width + 6}" y="{y + row / 2 + 4}">{bar.value}</text>')
    body.append(
        f'<line x1="{label_width}" y1="{top}" x2="{label_width}" y2="{height - top}" stroke="{TEXT}"></line></g>'
    )
    desc = "; ".join(f"{bar.label}: {bar.value}" for bar in bars) or "No figures"
    return _svg(chart_id=chart_id, title=title, desc=desc, height=height, body=body)


def stacked_month_chart(series: MonthSeries, *, chart_id: str, title: str) -> SafeString:
    """A column per month, stacked by series, with a legend and the month's total above it."""
    left, top, bottom, legend_row = 36, 12, 40, 20
    legend_height = legend_row * ((len(series.series) + 2) // 3)
    plot_height = 180
    height = top + plot_height + bottom + legend_height
    totals = series.totals()
    top_value = _nice_max(max(totals, default=0))
    count = max(1, len(series.months))
    slot = (WIDTH - left - 8) / count
    column = max(4.0, slot * 0.7)
    base = top + plot_height
    body = [f'<g {FONT} fill="{TEXT}">']
    for tick in (0, top_value / 2, top_value):
        y = base - plot_height * tick / top_value
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - 8}" y2="{y:.1f}" stroke="{GRID}"></line>')
        body.append(f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{tick:g}</text>')
    every = max(1, (count + 5) // 6)
    for index, month in enumerate(series.months):
        x = left + index * slot + (slot - column) / 2
        y = base
        for colour, name in zip(PALETTE, series.series, strict=False):
            value = series.values[name][index]
            if not value:
                continue
            h = plot_height * value / top_value
            y -= h
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{column:.1f}" height="{h:.1f}" fill="{colour}"'
                f' stroke="#ffffff" stroke-width="1"></rect>'
            )
        if totals[index] and count <= 18:
            body.append(f'<text x="{x + column / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle">{totals[index]}</text>')
        if index % every == 0:
            body.append(
                f'<text x="{x + column / 2:.1f}" y="{base + 16}" text-anchor="middle">{month.strftime("%b %y")}</text>'
            )
    body.append(f'<line x1="{left}" y1="{base}" x2="{WIDTH - 8}" y2="{base}" stroke="{TEXT}"></line>')
    for index, (colour, name) in enumerate(zip(PALETTE, series.series, strict=False)):
        x = left + (index % 3) * 145
        y = base + bottom + (index // 3) * legend_row
        body.append(f'<rect x="{x}" y="{y - 11}" width="12" height="12" fill="{colour}"></rect>')
        body.append(f'<text x="{x + 18}" y="{y}">{escape(name)}</text>')
    body.append("</g>")
    desc = "; ".join(
        f"{month_label(month)}: {total} ("
        + ", ".join(f"{name} {value}" for name, value in zip(series.series, values, strict=True) if value)
        + ")"
        if total
        else f"{month_label(month)}: none"
        for month, values, total in series.rows()
    )
    return _svg(chart_id=chart_id, title=title, desc=desc, height=height, body=body)


def located_chart(months: Sequence[LocatedMonth], *, chart_id: str, title: str) -> SafeString:
    """Two lines over the months: the median days (circles, solid) and the 90th percentile (squares,
    dashed). A month with nobody located has no point."""
    left, top, bottom = 36, 12, 44
    plot_height = 180
    height = top + plot_height + bottom + 20
    values = [m.p90_days for m in months if m.p90_days is not None]
    top_value = _nice_max(max(values, default=0))
    count = max(1, len(months))
    slot = (WIDTH - left - 8) / count
    base = top + plot_height
    body = [f'<g {FONT} fill="{TEXT}">']
    for tick in (0, top_value / 2, top_value):
        y = base - plot_height * tick / top_value
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - 8}" y2="{y:.1f}" stroke="{GRID}"></line>')
        body.append(f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{tick:g}</text>')
    every = max(1, (count + 5) // 6)
    points: dict[str, list[tuple[float, float]]] = {"median": [], "p90": []}
    for index, month in enumerate(months):
        x = left + index * slot + slot / 2
        if index % every == 0:
            body.append(
                f'<text x="{x:.1f}" y="{base + 16}" text-anchor="middle">{month.month.strftime("%b %y")}</text>'
            )
        if month.median_days is not None and month.p90_days is not None:
            points["median"].append((x, base - plot_height * month.median_days / top_value))
            points["p90"].append((x, base - plot_height * month.p90_days / top_value))
    body.append(f'<line x1="{left}" y1="{base}" x2="{WIDTH - 8}" y2="{base}" stroke="{TEXT}"></line>')
    for name, colour, dash in (("median", PALETTE[0], ""), ("p90", PALETTE[2], ' stroke-dasharray="6 4"')):
        line = points[name]
        if len(line) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in line)
            body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}></polyline>')
        for x, y in line:
            if name == "median":
                body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"></circle>')
            else:
                body.append(f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"></rect>')
    legend_y = base + bottom
    body.append(f'<circle cx="{left + 6}" cy="{legend_y - 5}" r="5" fill="{PALETTE[0]}"></circle>')
    body.append(f'<text x="{left + 18}" y="{legend_y}">Median days</text>')
    body.append(f'<rect x="{left + 150}" y="{legend_y - 10}" width="10" height="10" fill="{PALETTE[2]}"></rect>')
    body.append(f'<text x="{left + 166}" y="{legend_y}">90th percentile days</text>')
    body.append("</g>")
    desc = "; ".join(
        f"{month_label(m.month)}: {m.located} located, median {m.median_days:g} days, 90th percentile {m.p90_days} days"
        if m.located and m.median_days is not None
        else f"{month_label(m.month)}: nobody located"
        for m in months
    )
    return _svg(chart_id=chart_id, title=title, desc=desc, height=height, body=body)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
