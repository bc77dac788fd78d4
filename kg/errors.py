"""Coded errors: every failure a user can meet has a code, a one-line message and a non-zero exit."""

from __future__ import annotations

__all__ = ["KGError", "Errors"]


class Errors:
    """Message templates, keyed by code (spaCy style: codes stay stable, messages may improve)."""

    E001 = "E001 no such file or folder: {path}"
    E002 = "E002 empty article: {path}"
    E003 = "E003 binary file, not text: {path}"
    E004 = "E004 cannot decode text (tried UTF-8, UTF-16, cp1251, KOI8-U): {path}"
    E005 = "E005 unsupported file type {suffix!r} (use .txt, .md, .html, .htm, .jsonl, .xml, .rss, .atom): {path}"
    E006 = "E006 {path}:{line}: not a JSON object: {reason}"
    E007 = "E007 {path}:{line}: no non-empty \"text\" field"
    E008 = "E008 file is larger than the limit of {limit} bytes ({size} bytes): {path}"
    E009 = "E009 {path}:{line}: line longer than the limit of {limit} characters"
    E010 = "E010 unsupported language {lang}; supported: {supported}"
    E011 = "E011 no named query {name!r}; available: {available}"
    E012 = "E012 SPARQL syntax error: {reason}"
    E013 = "E013 unsupported export format {fmt!r}; choose from {formats}"
    E014 = "E014 store is locked by another kg process (waited {seconds:.0f} s): {path}"
    E015 = "E015 store folder is not writable: {path}"
    E016 = "E016 store format version {found} is newer than this kg supports ({supported}); upgrade kg: {path}"
    E017 = "E017 invalid metadata in {path}: {reason}"
    E018 = "E018 not an article feed or file that kg can read: {path}: {reason}"
    E019 = "E019 no entity matches {query!r}"
    E020 = "E020 store is not a kg store or is damaged: {path}: {reason}"
    E021 = "E021 gold file {path} is invalid: {reason}"
    E022 = "E022 no space left on device while writing the store: {path}"
    E023 = "E023 cannot use the Dask scheduler {address}: {reason}"
    E024 = "E024 no words of any language in the text"
    E030 = "E030 SPARQL endpoint {url} cannot be reached: {reason}"
    E031 = "E031 SPARQL endpoint {url} answered {status}: {reason}"
    E040 = "E040 named query {query!r}: {reason}"
    E050 = "E050 no article {ref!r}: give an article file, or the content hash or IRI of a stored article"
    E051 = ("E051 the text of article {article} is needed: the store keeps its sentences, not its text, and the file "
            "it came from ({source}) is gone or changed; give the file: kg explain PATH")


class KGError(Exception):
    """An error with a stable code; ``str(err)`` is the one line shown to users."""

    def __init__(self, template: str, **values: object) -> None:
        self.code = template.split(" ", 1)[0]
        super().__init__(template.format(**values))
