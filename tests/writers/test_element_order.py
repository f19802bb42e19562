"""Word rejects a file whose property elements are out of the schema's order (LibreOffice
forgives it), so every pPr, rPr, sectPr and settings child must follow ECMA-376's sequences."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from lxml import etree

from drafter.composer import compose
from drafter.commands.followup import follow_up
from drafter.revisions import tracked_docx
from drafter.writers.docx import write_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: Child sequences from ECMA-376 Part 1 (CT_PPr, CT_RPr / CT_ParaRPr, CT_SectPr, CT_Settings),
#: limited to the elements a document may contain; an element missing here fails the test.
SEQUENCES = {
    "pPr": ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
            "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
            "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
            "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
            "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
            "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"],
    "rPr": ["ins", "del", "moveFrom", "moveTo", "rStyle", "rFonts", "b", "bCs", "i", "iCs",
            "caps", "smallCaps", "strike", "dstrike", "outline", "shadow", "emboss", "imprint",
            "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
            "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
            "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath",
            "rPrChange"],
    "sectPr": ["headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz",
               "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt",
               "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter",
               "docGrid", "printerSettings", "sectPrChange"],
    "settings": ["writeProtection", "view", "zoom", "removePersonalInformation",
                 "removeDateAndTime", "doNotDisplayPageBoundaries", "displayBackgroundShape",
                 "printPostScriptOverText", "printFractionalCharacterWidth", "printFormsData",
                 "embedTrueTypeFonts", "embedSystemFonts", "saveSubsetFonts", "saveFormsData",
                 "mirrorMargins", "alignBordersAndEdges", "bordersDoNotSurroundHeader",
                 "bordersDoNotSurroundFooter", "gutterAtTop", "hideSpellingErrors",
                 "hideGrammaticalErrors", "activeWritingStyle", "proofState", "formsDesign",
                 "attachedTemplate", "linkStyles", "stylePaneFormatFilter",
                 "stylePaneSortMethod", "documentType", "mailMerge", "revisionView",
                 "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting", "documentProtection",
                 "autoFormatOverride", "styleLockTheme", "styleLockQFSet", "defaultTabStop",
                 "autoHyphenation", "consecutiveHyphenLimit", "hyphenationZone",
                 "doNotHyphenateCaps", "showEnvelope", "summaryLength", "clickAndTypeStyle",
                 "defaultTableStyle", "evenAndOddHeaders", "bookFoldRevPrinting", "bookFoldPrinting",
                 "bookFoldPrintingSheets", "drawingGridHorizontalSpacing",
                 "drawingGridVerticalSpacing", "displayHorizontalDrawingGridEvery",
                 "displayVerticalDrawingGridEvery", "doNotUseMarginsForDrawingGridOrigin",
                 "drawingGridHorizontalOrigin", "drawingGridVerticalOrigin", "doNotShadeFormData",
                 "noPunctuationKerning", "characterSpacingControl", "printTwoOnOne",
                 "strictFirstAndLastChars", "noLineBreaksAfter", "noLineBreaksBefore",
                 "savePreviewPicture", "doNotValidateAgainstSchema", "saveInvalidXml",
                 "ignoreMixedContent", "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml",
                 "saveXmlDataOnly", "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags",
                 "alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults", "footnotePr",
                 "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema",
                 "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                 "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
                 "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
                 "decimalSymbol", "listSeparator"],
}


def _documents(example) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    draft = follow_up(example, 79, "A/79/302", None).resolution
    when = dt.datetime(2024, 11, 25)
    found = {}
    for lang in ("en", "fr"):
        found[f"clean {lang}"] = write_docx(compose(example, lang))
        found[f"tracked {lang}"] = tracked_docx(compose(example, lang), compose(draft, lang),
                                                "drafter", when)
    return found


def _out_of_order(blob: bytes) -> list[str]:
    problems = []
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        for name in archive.namelist():
            if not name.endswith(".xml") or not name.startswith("word/"):
                continue
            root = etree.fromstring(archive.read(name))
            for parent in root.iter(*(f"{W}{tag}" for tag in SEQUENCES)):
                order = SEQUENCES[etree.QName(parent).localname]
                children = [etree.QName(child).localname for child in parent
                            if etree.QName(child).namespace == W[1:-1]]
                for child in children:
                    if child not in order:
                        problems.append(f"{name}: <{child}> is not expected in <{etree.QName(parent).localname}>")
                positions = [order.index(child) for child in children if child in order]
                if positions != sorted(positions):
                    problems.append(f"{name}: <{etree.QName(parent).localname}> children {children}")
    return problems


def test_property_elements_follow_the_schema_order(example) -> None:  # type: ignore[no-untyped-def]
    for label, blob in _documents(example).items():
        assert _out_of_order(blob) == [], label


@pytest.mark.parametrize("name", ["styles.xml"])
def test_the_shipped_styles_follow_the_schema_order(name: str, docx_bytes) -> None:  # type: ignore[no-untyped-def]
    assert not [problem for problem in _out_of_order(docx_bytes["fr"]) if name in problem]


def test_every_style_a_paragraph_or_run_names_is_defined(example) -> None:  # type: ignore[no-untyped-def]
    for label, blob in _documents(example).items():
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            styles = etree.fromstring(archive.read("word/styles.xml"))
            defined = {style.get(f"{W}styleId") for style in styles.iter(f"{W}style")}
            for name in archive.namelist():
                if name.startswith("word/") and name.endswith(".xml") and name != "word/styles.xml":
                    root = etree.fromstring(archive.read(name))
                    used = {node.get(f"{W}val") for node in root.iter(f"{W}pStyle", f"{W}rStyle")}
                    assert used <= defined, (label, name, used - defined)
