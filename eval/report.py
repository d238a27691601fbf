"""Reports people read (self-contained HTML with inline SVG charts) and CI reads (JUnit XML).

No JavaScript and no CDN: a report must open on an air-gapped laptop and be mailable. Both
are Jinja2 templates in eval/templates/, autoescaped: a protégé's words never become markup.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

CODE_COLOURS = {
    "question_open": "#2b6cb0", "question_closed": "#90cdf4",
    "reflection_simple": "#2f855a", "reflection_complex": "#22543d",
    "affirm": "#b7791f", "seek_collaboration": "#6b46c1", "emphasize_autonomy": "#805ad5",
    "giving_information": "#718096", "persuade_with_permission": "#dd6b20",
    "persuade": "#c53030", "confront": "#9b2c2c", "other": "#a0aec0",
}
CSS = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;color:#1a202c;padding:0 1rem}
h1{margin-bottom:.2rem}.muted{color:#4a5568}.pass{color:#276749;font-weight:600}.fail{color:#c53030;font-weight:600}
table{border-collapse:collapse;width:100%;margin:1rem 0}td,th{border-bottom:1px solid #e2e8f0;padding:.35rem .5rem;text-align:left}
.turn{margin:.4rem 0 .8rem}.user{background:#edf2f7;padding:.4rem .6rem;border-radius:6px}
.bot{padding:.4rem .6rem;border-left:3px solid #cbd5e0;margin-top:.3rem}
.s{border-bottom:3px solid;padding-bottom:1px}.tag{font-size:11px;color:#fff;border-radius:3px;padding:0 4px;margin-left:3px}
details{margin:.6rem 0;border:1px solid #e2e8f0;border-radius:6px;padding:.4rem .8rem}summary{cursor:pointer;font-weight:600}
.legend span{display:inline-block;margin:0 .6rem .3rem 0}
"""


_TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                         autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)


def _bar_chart(title: str, rows: list[tuple[str, float]], fair: float | None, good: float | None,
               vmax: float) -> dict[str, Any]:
    """Horizontal bars with fair/good threshold lines, laid out for the template."""
    width, label_w, bar_h = 760, 220, 18
    height = 30 + len(rows) * (bar_h + 6)
    scale = (width - label_w - 60) / (vmax or 1)
    bars = [{"label": label, "value": value, "y": 24 + i * (bar_h + 6),
             "length": max(1.0, min(value, vmax) * scale),
             "colour": "#2f855a" if fair is None or value >= fair else "#c53030"}
            for i, (label, value) in enumerate(rows)]
    marks = [{"x": label_w + mark * scale, "name": name}
             for mark, name in ((fair, "fair"), (good, "good")) if mark is not None and mark <= vmax]
    return {"title": title, "width": width, "height": height, "label_w": label_w, "bar_h": bar_h,
            "bars": bars, "marks": marks}


def render_html(summary: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    personas = summary["personas"]
    th = {t["metric"]: t for t in summary["thresholds"]}
    charts = []
    for metric, title, vmax in (
        ("reflection_to_question", "Reflections per question (MITI R:Q)", 3.0),
        ("percent_complex_reflections", "Share of complex reflections (MITI %CR)", 1.0),
        ("prompt_share", "Prompt share: prompting / (prompting + directive)", 1.0),
    ):
        data = [(pid, float(p[metric])) for pid, p in personas.items()]
        t = th.get(metric, {})
        charts.append(_bar_chart(title, data, t.get("fair"), t.get("good"), vmax))
    counts = summary["overall"]["code_counts"]
    charts.append(_bar_chart("Code distribution (coaching turns)", sorted(counts.items(), key=lambda kv: -kv[1]),
                             None, None, float(max(counts.values(), default=1))))
    passed = sum(1 for p in personas.values() if p["passed"])
    return _TEMPLATES.get_template("report.html.j2").render(
        css=Markup(CSS), summary=summary, personas=personas, passed=passed, charts=charts, rows=rows,
        colours=CODE_COLOURS)


def junit_xml(summary: dict[str, Any]) -> str:
    cases = [{"group": "personas", "name": pid, "failure": info["failures"][0] if info["failures"] else ""}
             for pid, info in summary["personas"].items()]
    for t in summary["thresholds"]:
        msg = f"{t['metric']} = {t['value']:.3f} is {t['level']} (gate {t['gate']})"
        cases.append({"group": "thresholds", "name": t["metric"], "failure": "" if t["passed"] else msg})
    return _TEMPLATES.get_template("junit.xml.j2").render(cases=cases)
