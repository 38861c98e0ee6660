"""An article's text as HTML with its statements, forecasts and figures marked.

Every character of the article is escaped; the only markup is the ``<span>``s made
here, whose attributes are built from ids, numbers and escaped strings. Marks may
overlap without nesting (a figure running past the end of a quote): the outer
one is closed and reopened around the crossing, so the HTML always nests.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from augury.model import Analysis

SPEAKER_COLOURS = 10  # classes sp-0 .. sp-9 in style.css

# Outer marks first: a statement holds its forecasts, a forecast its figures.
_LAYER = {"statement": 0, "source": 1, "cue": 1, "forecast": 2, "quantity": 3}


@dataclass
class Mark:
    start: int
    end: int
    layer: int
    open: Callable[[bool], str]  # open(continued) -> the opening tag
    close: str = "</span>"


def speaker_classes(analysis: Analysis) -> dict[str | None, str]:
    """The colour class of each speaker, in order of first appearance."""
    classes: dict[str | None, str] = {
        s.id: f"sp-{i % SPEAKER_COLOURS}" for i, s in enumerate(analysis.speakers)
    }
    classes[None] = "sp-none"
    return classes


def percent(p: float | None) -> str:
    return "–" if p is None else f"{round(100 * p)}%"


def window_text(window) -> str:
    if window is None or window.end is None:
        return "no time given"
    text = f"{window.start.isoformat() if window.start else '?'} to {window.end.isoformat()}"
    return text + (" (assumed)" if window.defaulted else "")


def forecast_tip(f) -> str:
    """What a forecast's mark says on hover or focus (plain text, escaped later)."""
    parts = [f"forecast: {percent(f.probability)} that {f.proposition}"]
    parts.append(f"window {window_text(f.window)}")
    if f.hedge:
        parts.append(f"hedge “{f.hedge}”")
    if f.condition:
        parts.append(f"condition: {f.condition.text}")
    return "; ".join(parts)


def _attr(value: object) -> str:
    return str(escape(str(value)))


def marks_of(analysis: Analysis, names: dict[str | None, str] | None = None) -> list[Mark]:
    """The marks to draw over an article's text."""
    colours = speaker_classes(analysis)
    names = names or {s.id: s.name for s in analysis.speakers}
    out: list[Mark] = []
    for st in analysis.statements:
        colour = colours.get(st.speaker, "sp-none")
        who = names.get(st.speaker) or "unknown speaker"
        pieces = st.segments or [st.span]
        for i, (start, end) in enumerate(pieces):
            anchor = f' id="st-{_attr(st.id)}"' if i == 0 else ""

            def opener(cont: bool, anchor=anchor, colour=colour, who=who, kind=st.kind) -> str:
                return (
                    f'<span class="st {colour} st-{_attr(kind)}"'
                    f'{"" if cont else anchor} title="{_attr(who)}, {_attr(kind)} speech">'
                )

            out.append(Mark(start, end, _LAYER["statement"], opener))
        if st.source_span:

            def source(cont: bool, colour=colour) -> str:
                return f'<span class="src {colour}">'

            out.append(Mark(*st.source_span, _LAYER["source"], source))
        if st.cue_span:
            out.append(Mark(*st.cue_span, _LAYER["cue"], lambda cont: '<span class="cue">'))
    for f in analysis.forecasts:
        tip = forecast_tip(f)

        def fc_open(cont: bool, f=f, tip=tip) -> str:
            if cont:
                return '<span class="fc fc-cont">'
            return (
                f'<span class="fc" id="fc-{_attr(f.id)}" tabindex="0" '
                f'aria-describedby="tip-{_attr(f.id)}">'
                f'<span class="tip" role="tooltip" id="tip-{_attr(f.id)}">{_attr(tip)}</span>'
            )

        out.append(Mark(*f.span, _LAYER["forecast"], fc_open))
    for q in analysis.quantities:
        label = f"{q.kind}: {q.value:g}{' ' + q.unit if q.unit else ''}"

        def qty(cont: bool, label=label) -> str:
            return f'<span class="qty" title="{_attr(label)}">'

        out.append(Mark(*q.span, _LAYER["quantity"], qty))
    return out


@dataclass
class _Piece:
    start: int
    end: int
    mark: Mark
    continued: bool  # not the piece where the mark starts


def render(text: str, marks: list[Mark]) -> Markup:
    """``text`` escaped, with ``marks`` as properly nested spans; paragraphs as <p>."""
    out: list[str] = []
    for start, end in _paragraphs(text):
        pieces = []
        for m in marks:
            s, e = max(m.start, start), min(m.end, end)
            if e > s:
                pieces.append(_Piece(s, e, m, continued=s != m.start))
        out.append("<p>" + _nest(text, start, end, pieces) + "</p>")
    return Markup("\n".join(out))


def _paragraphs(text: str) -> list[tuple[int, int]]:
    found, pos = [], 0
    for gap in re.finditer(r"\n\s*\n", text):
        if text[pos : gap.start()].strip():
            found.append((pos, gap.start()))
        pos = gap.end()
    if text[pos:].strip():
        found.append((pos, len(text)))
    return found


def _nest(text: str, start: int, end: int, pieces: list[_Piece]) -> str:
    """One paragraph: close crossing marks early and reopen them, so tags nest."""
    starts: dict[int, list[_Piece]] = defaultdict(list)
    bounds = {start, end}
    for p in pieces:
        starts[p.start].append(p)
        bounds.update((p.start, p.end))
    for found in starts.values():
        found.sort(key=lambda p: (-p.end, p.mark.layer))
    out: list[str] = []
    stack: list[_Piece] = []
    pos = start
    for b in sorted(bounds):
        if b > pos:
            out.append(str(escape(text[pos:b])).replace("\n", "<br>\n"))
        ending = [i for i, p in enumerate(stack) if p.end <= b]
        if ending:
            popped = stack[min(ending) :]
            out.extend(p.mark.close for p in reversed(popped))
            stack = stack[: min(ending)]
            for p in popped:
                if p.end > b:
                    out.append(p.mark.open(True))
                    stack.append(p)
        for p in starts.get(b, ()):
            out.append(p.mark.open(p.continued))
            stack.append(p)
        pos = b
    out.extend(p.mark.close for p in reversed(stack))
    return "".join(out)


def marked_article(analysis: Analysis, names: dict[str | None, str] | None = None) -> Markup:
    """The article's text as safe HTML with every mark drawn."""
    return render(analysis.article.text, marks_of(analysis, names))
