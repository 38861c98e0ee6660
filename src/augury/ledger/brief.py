"""Briefings: open questions, recent resolutions and who got them right, as text.

``render(briefing, "markdown" | "html")`` turns plain data (the dataclasses
below, built by ``service.brief_data``) into a document. Everything from an
article is escaped: HTML through Jinja2's autoescape, Markdown by backslashing
its syntax characters. Links are kept only for http(s) URLs, and point at the
forecast's own words with a text fragment (``#:~:text=``) where browsers support it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import jinja2

FORMATS = ("markdown", "html")


@dataclass
class BriefForecast:
    expert: str
    affiliation: str | None
    probability: float  # chance the question resolves yes, by this forecast
    text: str
    published: dt.date | None
    article_title: str | None
    url: str | None
    stance: str | None = None
    figures: list[str] = field(default_factory=list)

    @functools.cached_property
    def link(self) -> str | None:
        """The article's URL, pointing at these words (None unless http or https)."""
        return safe_url(self.url, self.text)


@dataclass
class BriefQuestion:
    id: int
    title: str
    status: str
    window_start: dt.date | None
    window_end: dt.date | None
    median: float | None
    low: float | None
    high: float | None
    divided: bool
    yes: list[BriefForecast] = field(default_factory=list)
    no: list[BriefForecast] = field(default_factory=list)
    even: list[BriefForecast] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.yes) + len(self.no) + len(self.even)

    @property
    def figures(self) -> list[str]:
        found = [f for fc in (*self.yes, *self.no, *self.even) for f in fc.figures]
        return list(dict.fromkeys(found))


@dataclass
class BriefResolution:
    id: int
    title: str
    outcome: str
    resolved_on: dt.date
    evidence: str
    evidence_url: str | None
    resolved_by: str
    right: list[BriefForecast] = field(default_factory=list)
    wrong: list[BriefForecast] = field(default_factory=list)


@dataclass
class Briefing:
    topic: str | None
    since: dt.date | None
    generated_on: dt.date
    open: list[BriefQuestion]
    resolved: list[BriefResolution]


def percent(p: float | None) -> str:
    return "–" if p is None else f"{round(100 * p)}%"


@functools.lru_cache(maxsize=4096)
def _http(url: str) -> str | None:
    if urlsplit(url).scheme not in ("http", "https"):
        return None
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")


def _fragment(text: str) -> str:
    return quote(text, safe="").replace("-", "%2D")


def safe_url(url: str | None, words: str | None = None) -> str | None:
    """An http(s) URL (else None), pointing at ``words`` with a text fragment."""
    base = _http(url) if url else None
    if base is None or not words or "#" in base:
        return base
    parts = words.split()
    fragment = _fragment(" ".join(parts[:6]))
    if len(parts) > 10:
        fragment += "," + _fragment(" ".join(parts[-4:]))
    return f"{base}#:~:text={fragment}"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#~])")


def md(text: object) -> str:
    """Text made inert in Markdown (and in any HTML a Markdown renderer lets through)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


_MARKDOWN = """\
# Briefing{% if b.topic %}: {{ b.topic | md }}{% endif %}

Generated {{ b.generated_on }}{% if b.since %}; activity since {{ b.since }}{% endif %}. \
{{ b.open | length }} open question{{ "" if b.open | length == 1 else "s" }}, \
{{ b.resolved | length }} resolved.

## Open questions
{% for q in b.open %}
### Q{{ q.id }}. {{ q.title | md }}

{{ "Expired, awaiting resolution" if q.status == "expired" else "Open" }}; \
window {{ q.window_start or "?" }} to {{ q.window_end or "?" }}. \
Consensus {{ q.median | percent }} (range {{ q.low | percent }}–{{ q.high | percent }}, \
{{ q.count }} forecast{{ "" if q.count == 1 else "s" }}).\
{% if q.divided %} **Experts are divided.**{% endif %}

{% for label, side in (("Yes side", q.yes), ("No side", q.no), ("On the fence", q.even)) %}\
{% if side %}**{{ label }}**

{% for f in side %}{% set link = f.link %}- {{ f.expert | md }}\
{% if f.affiliation %} ({{ f.affiliation | md }}){% endif %}: \
{{ f.probability | percent }}, "{{ f.text | md }}" \
{% if link %}[{{ (f.article_title or "article") | md }}](<{{ link }}>)\
{% else %}{{ (f.article_title or "article") | md }}{% endif %}, {{ f.published or "date unknown" }}\
{% if f.stance %} _({{ f.stance }})_{% endif %}
{% endfor %}
{% endif %}{% endfor %}\
{% if q.figures %}Figures quoted: {{ q.figures | map("md") | join("; ") }}

{% endif %}\
{% else %}
No open questions{% if b.topic %} on this topic{% endif %}.
{% endfor %}
## Resolved{% if b.since %} since {{ b.since }}{% endif %}
{% for r in b.resolved %}
### Q{{ r.id }}. {{ r.title | md }}: {{ r.outcome | upper }} on {{ r.resolved_on }}

Evidence: {{ r.evidence | md }}\
{% if r.evidence_url | link %} ([source](<{{ r.evidence_url | link }}>)){% endif %} \
(resolved by {{ r.resolved_by | md }})
{% if r.outcome != "void" %}
Right: {{ names(r.right) }}. Wrong: {{ names(r.wrong) }}.
{% endif %}\
{% else %}
Nothing resolved{% if b.since %} since {{ b.since }}{% endif %}.
{% endfor %}"""

_MARKDOWN_MACROS = """\
{% macro names(found) %}{% for f in found %}{{ f.expert | md }} ({{ f.probability | percent }})\
{% if not loop.last %}, {% endif %}{% else %}nobody{% endfor %}{% endmacro %}"""

_HTML = """\
<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Briefing{% if b.topic %}: {{ b.topic }}{% endif %}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;line-height:1.45}
.yes{color:#1a7f37}.no{color:#b42318}.divided{font-weight:bold;color:#9a6700}
blockquote{margin:.3rem 0 .3rem 1rem;color:#444}</style></head><body>
<h1>Briefing{% if b.topic %}: {{ b.topic }}{% endif %}</h1>
<p>Generated {{ b.generated_on }}{% if b.since %}; activity since {{ b.since }}{% endif %}.</p>
<h2>Open questions</h2>
{% for q in b.open %}<section id="q{{ q.id }}"><h3>Q{{ q.id }}. {{ q.title }}</h3>
<p>{{ "Expired, awaiting resolution" if q.status == "expired" else "Open" }};
window {{ q.window_start or "?" }} to {{ q.window_end or "?" }}.
Consensus <strong>{{ q.median | percent }}</strong>
(range {{ q.low | percent }}–{{ q.high | percent }},
{{ q.count }} forecast{{ "" if q.count == 1 else "s" }}).
{% if q.divided %}<span class="divided">Experts are divided.</span>{% endif %}</p>
{% for label, css, side in (("Yes side", "yes", q.yes), ("No side", "no", q.no), \
("On the fence", "", q.even)) %}\
{% if side %}<h4 class="{{ css }}">{{ label }}</h4><ul>
{% for f in side %}{% set link = f.link %}<li><strong>{{ f.expert }}</strong>\
{% if f.affiliation %} ({{ f.affiliation }}){% endif %}: {{ f.probability | percent }},
<q>{{ f.text }}</q>
{% if link %}<a href="{{ link }}">{{ f.article_title or "article" }}</a>\
{% else %}{{ f.article_title or "article" }}{% endif %}, {{ f.published or "date unknown" }}\
{% if f.stance %} <em>({{ f.stance }})</em>{% endif %}</li>
{% endfor %}</ul>{% endif %}{% endfor %}
{% if q.figures %}<p>Figures quoted: {{ q.figures | join("; ") }}</p>{% endif %}
</section>
{% else %}<p>No open questions{% if b.topic %} on this topic{% endif %}.</p>
{% endfor %}
<h2>Resolved{% if b.since %} since {{ b.since }}{% endif %}</h2>
{% for r in b.resolved %}<section id="r{{ r.id }}"><h3>Q{{ r.id }}. {{ r.title }}:
<span class="{{ r.outcome }}">{{ r.outcome | upper }}</span> on {{ r.resolved_on }}</h3>
<blockquote>{{ r.evidence }}</blockquote>
<p>{% if r.evidence_url | link %}<a href="{{ r.evidence_url | link }}">source</a>; {% endif %}
resolved by {{ r.resolved_by }}.</p>
{% if r.outcome != "void" %}\
<p>Right: {{ names(r.right) }}. Wrong: {{ names(r.wrong) }}.</p>{% endif %}
</section>
{% else %}<p>Nothing resolved{% if b.since %} since {{ b.since }}{% endif %}.</p>
{% endfor %}</body></html>
"""

_HTML_MACROS = """\
{% macro names(found) %}{% for f in found %}{{ f.expert }} ({{ f.probability | percent }})\
{% if not loop.last %}, {% endif %}{% else %}nobody{% endfor %}{% endmacro %}"""


def _environment(html: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        autoescape=html, undefined=jinja2.StrictUndefined, keep_trailing_newline=True
    )
    env.filters.update(percent=percent, md=md, link=safe_url)
    return env


def render(briefing: Briefing, fmt: str = "markdown") -> str:
    """The briefing as Markdown or as a standalone HTML page."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown briefing format {fmt!r}: use markdown or html.")
    html = fmt == "html"
    env = _environment(html)
    macros = env.from_string(_HTML_MACROS if html else _MARKDOWN_MACROS).module
    template = env.from_string(_HTML if html else _MARKDOWN)
    text = template.render(b=briefing, names=macros.names)
    return re.sub(r"\n{3,}", "\n\n", text)
