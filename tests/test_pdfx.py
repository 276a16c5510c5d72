"""PDF/X for print shops: `standard = "pdf/x-4"` (or `--pdf-standard pdf/x-4`) gives a file a
preflight accepts: a /GTS_PDFX output intent with its ICC profile, a TrimBox and a BleedBox
on every page, every font embedded; and `publisher check` says so. One small issue of the
print workspace (A4, no bleed) is built once for the module, with the standard in its
config as a print shop's customer would set it."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from conftest import FIXED_EPOCH, WORKSPACES, copy_workspace
from validators import pdffonts

from publisher.cli import main

PLAIN = "002-plain"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_workspace(WORKSPACES / "print", tmp_path_factory.mktemp("pdfx"))
    config = root / "publisher.toml"
    config.write_text(config.read_text().replace("[pdf]\n", '[pdf]\nstandard = "pdf/x-4"\n'))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        result = CliRunner().invoke(main, ["-C", str(root), "build", "2", "--format", "pdf"])
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture(scope="module")
def pdf_path(workspace: Path) -> Path:
    return workspace / "dist" / PLAIN / f"{PLAIN}.pdf"


def test_pdf_x_4_declares_itself_with_a_gts_pdfx_output_intent_and_its_profile(
    pdf_path: Path,
) -> None:
    with pikepdf.open(pdf_path) as pdf:
        assert pdf.pdf_version == "1.6"
        metadata = pdf.open_metadata()
        assert metadata.get("pdfxid:GTS_PDFXVersion") == "PDF/X-4"
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFX"
        profile = intent.DestOutputProfile.read_bytes()
        assert profile[36:40] == b"acsp", "an ICC profile"


def test_every_page_has_a_trim_box_inside_a_bleed_box_and_every_font_is_embedded(
    pdf_path: Path,
) -> None:
    with pikepdf.open(pdf_path) as pdf:
        assert len(pdf.pages) > 1
        for page in pdf.pages:
            trim = [float(v) for v in page.obj.TrimBox]
            bleed = [float(v) for v in page.obj.BleedBox]
            assert bleed[:2] <= trim[:2] and bleed[2:] >= trim[2:]
    fonts = pdffonts(pdf_path)
    assert fonts and all(font["emb"] == "yes" for font in fonts), fonts


def test_publisher_check_passes_it_and_names_the_pdf_x_check(workspace: Path) -> None:
    result = CliRunner().invoke(
        main, ["-C", str(workspace), "check", "2", "--format", "pdf", "--no-build", "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["ok"] and report["failed"] == 0
    pdfx = [f for f in report["findings"] if f["check"] == "PDF/X output intent and boxes"]
    assert pdfx and all(f["status"] == "pass" for f in pdfx), pdfx
    assert any("output intent" in f["detail"] for f in pdfx), pdfx


def test_the_check_fails_a_pdf_x_file_without_its_output_intent(
    workspace: Path, pdf_path: Path, tmp_path: Path
) -> None:
    from publisher.checks.base import Target
    from publisher.checks.pdf import pdfx_when_claimed
    from publisher.config import load_config

    broken = tmp_path / "dist" / PLAIN / f"{PLAIN}.pdf"
    broken.parent.mkdir(parents=True)
    with pikepdf.open(pdf_path) as pdf:
        del pdf.Root.OutputIntents
        del pdf.pages[0].obj.TrimBox
        pdf.save(broken)
    target = Target(load_config(workspace), tmp_path / "dist", (PLAIN,))
    (result,) = pdfx_when_claimed(target)
    assert result.status == "fail"
    assert "no /GTS_PDFX output intent" in result.detail
    assert "page(s) 1" in result.detail
