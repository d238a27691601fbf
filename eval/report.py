"""Reports people read (self-contained HTML with inline SVG charts) and CI reads (JUnit XML).

No JavaScript and no CDN: a report must open on an air-gapped laptop and be mailable.
"""

from __future__ import annotations

from html import escape
from typing import Any
from xml.sax.saxutils import quoteattr

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


def _bar_chart(title: str, rows: list[tuple[str, float]], fair: float | None, good: float | None, vmax: float) -> str:
    """Horizontal bars with fair/good threshold lines."""
    width, label_w, bar_h = 760, 220, 18
    height = 30 + len(rows) * (bar_h + 6)
    scale = (width - label_w - 60) / (vmax or 1)
    parts = [f'<svg role="img" aria-label="{escape(title)}" width="{width}" height="{height}">']
    parts.append(f'<text x="0" y="14" font-weight="600">{escape(title)}</text>')
    for i, (label, value) in enumerate(rows):
        y = 24 + i * (bar_h + 6)
        colour = "#2f855a" if fair is None or value >= fair else "#c53030"
        parts.append(f'<text x="0" y="{y + 13}" font-size="12">{escape(label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{max(1, min(value, vmax) * scale):.1f}" height="{bar_h}" fill="{colour}"/>')
        parts.append(f'<text x="{label_w + min(value, vmax) * scale + 4:.1f}" y="{y + 13}" font-size="12">{value:.2f}</text>')
    for mark, name in ((fair, "fair"), (good, "good")):
        if mark is not None and mark <= vmax:
            x = label_w + mark * scale
            parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="20" y2="{height}" stroke="#1a202c" stroke-dasharray="4 3"/>')
            parts.append(f'<text x="{x + 2:.1f}" y="{height - 2}" font-size="11">{name}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _threshold_table(summary: dict[str, Any]) -> str:
    rows = []
    for t in summary["thresholds"]:
        cls = "pass" if t["passed"] else "fail"
        rows.append(
            f"<tr><td>{escape(t['metric'])}</td><td>{t['value']:.3f}</td><td>{t['fair']}</td><td>{t['good']}</td>"
            f"<td>{escape(t['source'])}</td><td class='{cls}'>{escape(t['level'])}</td></tr>"
        )
    head = "<tr><th>metric</th><th>value</th><th>fair</th><th>good</th><th>source</th><th>level</th></tr>"
    return f"<table>{head}{''.join(rows)}</table>"


def _transcripts(summary: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    out = []
    for pid, info in summary["personas"].items():
        status = "<span class='pass'>pass</span>" if info["passed"] else "<span class='fail'>fail</span>"
        fails = "".join(f"<li>{escape(f)}</li>" for f in info["failures"])
        turns = []
        for r in (r for r in rows if r["persona"] == pid):
            sentences = "".join(
                f"<span class='s' style='border-color:{CODE_COLOURS.get(c['code'], '#a0aec0')}' title='{escape(c['cue'])}'>"
                f"{escape(c['text'])}</span><span class='tag' style='background:{CODE_COLOURS.get(c['code'], '#a0aec0')}'>"
                f"{escape(c['code'])}</span> "
                for c in r["codes"]
            )
            turns.append(
                f"<div class='turn'><div class='user'><b>{r['turn']}.</b> {escape(r['user'])}</div>"
                f"<div class='bot'><span class='muted'>[{escape(r['route'])} · {escape(r['move'])}]</span> {sentences}</div></div>"
            )
        out.append(
            f"<details><summary>{escape(info['title'])} ({escape(pid)}): {status}</summary>"
            f"{'<ul>' + fails + '</ul>' if fails else ''}{''.join(turns)}</details>"
        )
    return "".join(out)


def render_html(summary: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    personas = summary["personas"]
    verdict = "<span class='pass'>PASSED</span>" if summary["passed"] else "<span class='fail'>FAILED</span>"
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
    legend = "".join(
        f"<span><span class='tag' style='background:{c}'>{escape(k)}</span></span>" for k, c in CODE_COLOURS.items()
    )
    passed = sum(1 for p in personas.values() if p["passed"])
    return (
        "<!doctype html><html lang='en'><meta charset='utf-8'><title>Coaching evaluation report</title>"
        f"<style>{CSS}</style><body><h1>Does the assistant prompt rather than direct?</h1>"
        f"<p class='muted'>Backend <b>{escape(summary['backend'])}</b> · seed {summary['seed']} · "
        f"{len(personas)} personas ({passed} passed) · {summary['seconds']} s</p><p>Verdict: {verdict}</p>"
        f"<h2>Scores against thresholds</h2>{_threshold_table(summary)}"
        f"<h2>Per persona</h2>{''.join(charts)}"
        f"<h2>Transcripts</h2><p class='legend'>{legend}</p><p class='muted'>Hover a sentence to see the cue "
        f"that produced its code.</p>{_transcripts(summary, rows)}</body></html>"
    )


def junit_xml(summary: dict[str, Any]) -> str:
    cases = []
    for pid, info in summary["personas"].items():
        body = "".join(f"<failure message={quoteattr(f)}/>" for f in info["failures"][:1])
        cases.append(f"<testcase classname='personas' name={quoteattr(pid)}>{body}</testcase>")
    for t in summary["thresholds"]:
        msg = f"{t['metric']} = {t['value']:.3f} is {t['level']} (gate {t['gate']})"
        body = "" if t["passed"] else f"<failure message={quoteattr(msg)}/>"
        cases.append(f"<testcase classname='thresholds' name={quoteattr(t['metric'])}>{body}</testcase>")
    failures = sum(1 for c in cases if "<failure" in c)
    return (
        "<?xml version='1.0' encoding='utf-8'?>\n"
        f"<testsuite name='coach-eval' tests='{len(cases)}' failures='{failures}'>{''.join(cases)}</testsuite>\n"
    )
