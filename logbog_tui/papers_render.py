"""Meeting papers written out (issue 23): a :class:`logbog_tui.papers.Document` as a Word document
(python-docx: real headings, a real numbered list, real tables) or as Markdown (every character of
the text escaped so that it shows as typed: ``=1+1``, ``|``, ``[b]``).

Control characters cannot go into a Word document (XML 1.0) and should not reach a file: they are
written as ``\\uXXXX`` in both formats, as the CLI shows them."""

from __future__ import annotations

import io
import re

from logbog_tui.papers import Block, Document, Heading, Numbered, Para, Table
from logbog_tui.service.text import visible

FORMATS = ("docx", "md")
MEDIA_TYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
               "md": "text/markdown"}


def render(doc: Document, fmt: str) -> bytes:
    return docx(doc) if fmt == "docx" else markdown(doc).encode("utf-8")


# --- Word ----------------------------------------------------------------------------------------

def docx(doc: Document) -> bytes:
    from docx import Document as Word

    word = Word()
    word.core_properties.title = visible(doc.title, keep_newlines=False)
    word.core_properties.author = "logbog-tui"
    for block in doc.blocks:
        _word_block(word, block)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _word_block(word, block: Block) -> None:  # type: ignore[no-untyped-def]
    if isinstance(block, Heading):
        word.add_heading(visible(block.text, keep_newlines=False), block.level)
    elif isinstance(block, Para):
        word.add_paragraph(visible(block.text))
    elif isinstance(block, Numbered):
        for text, lines in block.items:
            word.add_paragraph(visible(text), style="List Number")
            for line in lines:
                word.add_paragraph(visible(line), style="List Bullet 2")
    elif isinstance(block, Table):
        table = word.add_table(rows=1 + len(block.rows), cols=len(block.header))
        table.style = "Table Grid"
        for row, values in zip(table.rows, [block.header, *block.rows], strict=True):
            for cell, value in zip(row.cells, values, strict=False):
                cell.text = visible(value)
        for cell in table.rows[0].cells:
            for run in cell.paragraphs[0].runs:
                run.bold = True


# --- Markdown ------------------------------------------------------------------------------------

_PUNCT = re.compile(r"([\\`*_\[\]<>|~!&#$^{}])")  # markup anywhere in a line
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+(?=[.)]))")  # a list, a setext heading, a quote at a line's start


def _escape_line(line: str) -> str:
    line = _PUNCT.sub(r"\\\1", line)
    return _LINE_START.sub(lambda m: m.group(1) + ("\\" + m.group(2) if not m.group(2)[0].isdigit()
                                                   else m.group(2) + "\\"), line, count=1)


def md_text(text: str) -> str:
    """``text`` with everything CommonMark could read as markup backslash-escaped (so it renders
    as typed: ``=1+1``, ``|``, ``[b]``, ``# x``, ``1. x``); line breaks kept as hard breaks."""
    return "\\\n".join(_escape_line(line) for line in visible(text).splitlines() or [""])


def _md_cell(text: str) -> str:
    return "<br>".join(_escape_line(line) for line in visible(text).splitlines())


def markdown(doc: Document) -> str:
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += ["#" * (block.level + 1) + " " + md_text(block.text.replace("\n", " ")), ""]
        elif isinstance(block, Para):
            out += [md_text(block.text), ""]
        elif isinstance(block, Numbered):
            for n, (text, lines) in enumerate(block.items, start=1):
                out.append(f"{n}. " + md_text(text).replace("\n", "\n   "))
                out += ["   - " + md_text(line).replace("\n", "\n     ") for line in lines]
            out.append("")
        elif isinstance(block, Table):
            out.append("| " + " | ".join(_md_cell(h) for h in block.header) + " |")
            out.append("|" + "---|" * len(block.header))
            out += ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in block.rows]
            out.append("")
    return "\n".join(out)
