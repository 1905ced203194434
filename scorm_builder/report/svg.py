"""The report's two charts as small inline SVG, written by hand: a plotting library would add megabytes and a
font stack for two plots that are a few dozen shapes each. Charts read left to right in every language (the
numbers' direction); their titles and descriptions, in the report's language, name them for screen readers."""
from __future__ import annotations

from html import escape

_W, _H, _PAD = 360, 200, 34


def _frame(uid: str, title: str, desc: str, body: list[str]) -> str:
    return (f'<svg class="chart" viewBox="0 0 {_W} {_H}" role="img" aria-labelledby="{uid}-t {uid}-d" '
            f'style="direction:ltr" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>'
            + "".join(body) + "</svg>")


def _axes(x_label: str, y_label: str) -> list[str]:
    return [f'<line x1="{_PAD}" y1="{_H - _PAD}" x2="{_W - 8}" y2="{_H - _PAD}" class="axis"/>',
            f'<line x1="{_PAD}" y1="8" x2="{_PAD}" y2="{_H - _PAD}" class="axis"/>',
            f'<text x="{(_W + _PAD) / 2:.0f}" y="{_H - 4}" class="label" text-anchor="middle">{escape(x_label)}</text>',
            f'<text x="10" y="{(_H - _PAD) / 2:.0f}" class="label" text-anchor="middle" '
            f'transform="rotate(-90 10 {(_H - _PAD) / 2:.0f})">{escape(y_label)}</text>']


def histogram(uid: str, counts: list[int], title: str, desc: str, x_label: str, y_label: str) -> str:
    top = max(counts) or 1
    plot_w, plot_h = _W - _PAD - 8, _H - _PAD - 12
    bar = plot_w / len(counts)
    body = _axes(x_label, y_label)
    for i, count in enumerate(counts):
        h = plot_h * count / top
        x = _PAD + i * bar
        low, high = i * 100 // len(counts), (i + 1) * 100 // len(counts)
        body.append(f'<rect x="{x + 2:.1f}" y="{_H - _PAD - h:.1f}" width="{bar - 4:.1f}" height="{h:.1f}" '
                    f'class="bar"><title>{low}–{high}: {count}</title></rect>')
        if i % 2 == 0:
            body.append(f'<text x="{x:.1f}" y="{_H - _PAD + 12}" class="tick" text-anchor="middle">{low}</text>')
        if count:
            body.append(f'<text x="{x + bar / 2:.1f}" y="{_H - _PAD - h - 2:.1f}" class="tick" '
                        f'text-anchor="middle">{count}</text>')
    body.append(f'<text x="{_W - 8}" y="{_H - _PAD + 12}" class="tick" text-anchor="end">100</text>')
    return _frame(uid, title, desc, body)


def scatter(uid: str, points: list[tuple[str, float, float, bool]], title: str, desc: str, x_label: str,
            y_label: str) -> str:
    """points: (name, facility 0..1, discrimination -1..1, flagged); flagged points are squares, named."""
    plot_w, plot_h = _W - _PAD - 8, _H - _PAD - 8

    def x(f: float) -> float:
        return _PAD + plot_w * f

    def y(d: float) -> float:
        return 8 + plot_h * (1 - (max(-1.0, min(1.0, d)) + 1) / 2)

    body = _axes(x_label, y_label)
    body.append(f'<line x1="{_PAD}" y1="{y(0):.1f}" x2="{_W - 8}" y2="{y(0):.1f}" class="zero"/>')
    for f in (0.2, 0.9):
        body.append(f'<line x1="{x(f):.1f}" y1="8" x2="{x(f):.1f}" y2="{_H - _PAD}" class="band"/>')
    for tick in (0, 0.5, 1):
        body.append(f'<text x="{x(tick):.1f}" y="{_H - _PAD + 12}" class="tick" text-anchor="middle">{tick:g}</text>')
    for tick in (-1, 0, 1):
        body.append(f'<text x="{_PAD - 4}" y="{y(tick) + 3:.1f}" class="tick" text-anchor="end">{tick:g}</text>')
    for label, f, d, flagged in points:
        cls = "point flagged" if flagged else "point"
        shape = (f'<rect x="{x(f) - 4:.1f}" y="{y(d) - 4:.1f}" width="8" height="8" class="{cls}">' if flagged
                 else f'<circle cx="{x(f):.1f}" cy="{y(d):.1f}" r="3.5" class="{cls}">')
        end = "</rect>" if flagged else "</circle>"
        body.append(f"{shape}<title>{escape(label)}: {f:.2f}, {d:.2f}</title>{end}")
        if flagged:
            short = label.rsplit("/", 1)[-1]
            body.append(f'<text x="{x(f) + 6:.1f}" y="{y(d) + 3:.1f}" class="tick">{escape(short)}</text>')
    return _frame(uid, title, desc, body)
