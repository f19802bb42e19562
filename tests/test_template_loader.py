"""A ``--templates`` folder is read and nothing outside it: links that leave the folder, names
with ``..`` or an absolute path, and files that are not small UTF-8 texts are refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drafter.composer import compose
from drafter.template_loader import MAX_TEMPLATE_BYTES
from drafter.templating import TemplateFailure
from user_templates import REPORT_REQUESTED as NAME
from user_templates import user_templates

SECRET = "a secret that must never reach a draft"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file next to the templates folder, standing for /etc/passwd."""
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def test_a_template_linked_to_a_file_outside_the_folder_is_refused(example, tmp_path, outside):
    templates = user_templates(tmp_path / "templates")
    (templates / "fr" / NAME).symlink_to(outside)
    with pytest.raises(TemplateFailure) as caught:
        compose(example, "fr", templates)
    message = str(caught.value)
    assert message.startswith(f"template {NAME}: {templates / 'fr' / NAME} is a link to ")
    assert "outside the templates folder" in message and SECRET not in message


def test_a_language_folder_linked_outside_is_refused(example, tmp_path):
    elsewhere = tmp_path / "elsewhere" / "operative"
    elsewhere.mkdir(parents=True)
    (elsewhere / "report_requested.j2").write_text(SECRET, encoding="utf-8")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "fr").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(TemplateFailure, match="outside the templates folder"):
        compose(example, "fr", templates)


def test_a_link_that_stays_inside_the_folder_is_followed(example, tmp_path):
    templates = user_templates(tmp_path / "templates")
    user_templates(templates, name="shared/request.j2", text="le Secrétaire général de faire rapport")
    (templates / "fr" / NAME).symlink_to(templates / "fr" / "shared" / "request.j2")
    document = compose(example, "fr", templates)
    assert document.operative[-2].content.text() == "Prie le Secrétaire général de faire rapport\u202f;"


def test_a_loop_of_links_is_refused(example, tmp_path):
    templates = user_templates(tmp_path / "templates")
    (templates / "fr" / NAME).symlink_to(templates / "fr" / NAME)
    with pytest.raises(TemplateFailure, match="cannot be read"):
        compose(example, "fr", templates)


@pytest.mark.parametrize("name", ["../../secret.txt", "/etc/passwd", "operative/../../../secret.txt",
                                  "..\\..\\secret.txt"])
def test_an_include_outside_the_folder_is_refused(name, example, tmp_path, outside):
    templates = user_templates(tmp_path / "templates", f"{{% include {name!r} %}}")
    with pytest.raises(TemplateFailure) as caught:
        compose(example, "fr", templates)
    message = str(caught.value)
    assert message.startswith(f"template {NAME}:1: the template name ")
    assert "points outside the templates folder" in message and SECRET not in message


@pytest.mark.parametrize("tag", ["extends", "import", "from"])
def test_extends_and_import_outside_the_folder_are_refused(tag, example, tmp_path, outside):
    statement = {"extends": "{% extends '../../secret.txt' %}",
                 "import": "{% import '../../secret.txt' as s %}",
                 "from": "{% from '../../secret.txt' import x %}"}[tag]
    templates = user_templates(tmp_path / "templates", statement)
    with pytest.raises(TemplateFailure, match="points outside the templates folder"):
        compose(example, "fr", templates)


def test_a_name_with_a_dot_folder_stays_inside(example, tmp_path):
    templates = user_templates(tmp_path / "templates")
    user_templates(templates, name="parts/verb.j2", text="le Secrétaire général")
    user_templates(templates, name=NAME, text="{% include './parts/verb.j2' %}")
    assert compose(example, "fr", templates).operative[-2].content.text() == (
        "Prie le Secrétaire général\u202f;")


def test_a_pipe_in_place_of_a_template_is_refused_without_waiting(example, tmp_path):
    templates = user_templates(tmp_path / "templates")
    os.mkfifo(templates / "fr" / NAME)
    with pytest.raises(TemplateFailure, match="is not a file"):
        compose(example, "fr", templates)


def test_a_template_larger_than_the_limit_is_refused(example, tmp_path):
    templates = user_templates(tmp_path / "templates", "x" * (MAX_TEMPLATE_BYTES + 1))
    with pytest.raises(TemplateFailure, match="larger than 256 KB"):
        compose(example, "fr", templates)


def test_a_template_that_is_not_utf8_is_refused_with_where(example, tmp_path):
    templates = user_templates(tmp_path / "templates")
    (templates / "fr" / NAME).write_bytes("le Secrétaire".encode("latin-1"))
    with pytest.raises(TemplateFailure, match=r"is not UTF-8 text \(byte 8\); save it as UTF-8"):
        compose(example, "fr", templates)


def test_a_template_the_folder_lacks_comes_from_the_built_in_ones(example, tmp_path):
    templates = user_templates(tmp_path / "templates")
    assert compose(example, "fr", templates) == compose(example, "fr")
