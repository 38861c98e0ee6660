"""One pass over an article: parse once with spaCy, run every extractor on the Doc."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from augury import nlp as nlp_mod
from augury.extract.attribution import extract_attributions
from augury.extract.forecasts import extract_forecasts
from augury.extract.quantities import extract_quantities
from augury.extract.stance import extract_relations
from augury.model import Analysis, Article


def analyze_doc(article: Article, doc: Doc) -> Analysis:
    """Run the extractors over one parsed article. Pure: no I/O."""
    speakers, statements = extract_attributions(doc)
    claims, forecasts, more = extract_forecasts(doc, statements, speakers, article.published)
    relations, groups = extract_relations(doc, statements, speakers + more)
    return Analysis(
        article=article,
        speakers=speakers + more + groups,
        relations=relations,
        statements=statements,
        forecasts=forecasts,
        claims=claims,
        quantities=extract_quantities(doc),
    )


def analyze(article: Article, nlp: Language | None = None) -> Analysis:
    """Parse and analyse one article."""
    nlp = nlp or nlp_mod.load()
    return analyze_doc(article, nlp(article.text))


def analyze_many(
    articles: Iterable[Article],
    nlp: Language | None = None,
    n_process: int = 1,
    batch_size: int = 16,
) -> Iterator[Analysis]:
    """Parse a stream of articles with ``nlp.pipe`` and analyse each, in order."""
    nlp = nlp or nlp_mod.load()
    stream = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(
        stream, as_tuples=True, n_process=n_process, batch_size=batch_size
    ):
        yield analyze_doc(article, doc)
