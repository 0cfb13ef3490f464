"""A second copy of the data file that a sync tool left beside it, merged without being asked.

Syncthing, Dropbox and Nextcloud keep one file in step between devices. When both devices
changed it before they could talk, the tool keeps one version as the file and the other
beside it as a "conflict" copy. leanon merges such a copy the next time it runs (any
command but ``doctor``; the dashboard within a second or two), says so in one line, keeps
the copy in ``backups/`` (``<file>.merged-<copy>``: never pruned, never offered as the
newest backup) and removes it from the folder, so the tool carries the merge to the other
device.

The merge is :meth:`storage.store.Store.import_records` with the copy's remembered edits
and deletions: entries from either side are kept, a deletion on either side stays, and an
entry edited on both keeps the later edit. The other edit stays findable: the copy's in
the kept copy, this file's in ``<file>.before-merge-<copy>``, kept only then.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from storage import filesafe, sealed
from storage.errors import DataFileError, InvalidInput, LeanonError
from storage.phrases import and_list, plural
from storage.store import ImportResult, Store


@dataclass(frozen=True, slots=True)
class Merged:
    """A copy merged and moved into ``backups/``.

    Attributes:
        copy: the copy's name, as the sync tool left it.
        kept: where the copy is now.
        result: what the merge did.
        before: where the file as it was before the merge is kept, when an edit of it lost
            to a later one in the copy; else None.
    """

    copy: str
    kept: str
    result: ImportResult
    before: str | None = None

    def line(self) -> str:
        """The one line that says so."""
        done = merge_phrase(self.result)
        where = f"backups/{os.path.basename(self.kept)}"
        line = f"Merged {self.copy}, a second copy a sync tool made: {done}. It is kept as {where}."
        both = self.result.edited_both
        if both:
            others = []
            if self.result.lost_here and self.before is not None:
                others.append(os.path.basename(self.before))  # this file's edit lost
            if both > len(self.result.lost_here):
                others.append(os.path.basename(self.kept))  # the copy's edit lost
            kept = f", the other in backups/{' and backups/'.join(others)}" if others else ""
            line += (
                f" {plural(both, 'entry had', 'entries had')} a different edit in each copy: "
                f"the later edit is kept{kept}."
            )
        return line


@dataclass(frozen=True, slots=True)
class NotMerged:
    """A copy that could not be merged; it is left where it is."""

    copy: str
    problem: str

    def line(self) -> str:
        """The one line that says so."""
        return (
            f"{self.copy} beside your data file looks like a sync tool's second copy, but it "
            f"can't be merged ({self.problem}); it is left as it is. `leanon doctor` says more."
        )


Outcome = Merged | NotMerged


def merge_phrase(result: ImportResult) -> str:
    """What a merge did, in a few words: "2 new entries and 1 deletion from there"."""
    parts = []
    if result.added:
        parts.append(plural(result.added, "new entry", "new entries"))
    if result.replaced:
        parts.append(plural(result.replaced, "later edit", "later edits"))
    if result.removed:
        parts.append(f"{plural(result.removed, 'entry', 'entries')} deleted there, deleted here")
    if result.kept_deleted:
        parts.append(
            f"{plural(result.kept_deleted, 'entry', 'entries')} deleted here, left deleted"
        )
    if result.people_added:
        parts.append(plural(result.people_added, "new person", "new people"))
    return and_list(parts) if parts else "nothing new in it"


def merge_copies(store: Store, copies: list[str] | None = None) -> list[Outcome]:
    """Merge every sync-conflict copy beside the store's file (or ``copies``), oldest name
    first, moving each merged one into ``backups/``.

    Raises:
        DataFileError: the data file itself cannot be used (nothing was merged).
    """
    from storage.transfer import ImportProblems, plain, read_import

    real = store.real_path()
    outcomes: list[Outcome] = []
    if not os.path.exists(real):
        return outcomes  # a sync tool between renames: the file is back in a moment
    for copy in filesafe.conflict_copies(real) if copies is None else copies:
        name = os.path.basename(copy)
        try:
            raw = filesafe.read_regular(copy)
        except FileNotFoundError:
            continue  # another leanon merged it a moment ago
        except OSError as exc:
            outcomes.append(NotMerged(name, getattr(exc, "problem", None) or str(exc)))
            continue
        try:
            opened = sealed.open_bytes(real, raw)  # a copy of an encrypted file is too
        except sealed.CannotOpen as exc:
            outcomes.append(NotMerged(name, exc.problem))
            continue
        try:
            bundle = read_import(opened.decode("utf-8-sig"))
        except UnicodeDecodeError:
            outcomes.append(NotMerged(name, "it is not text"))
            continue
        except ImportProblems as exc:
            outcomes.append(NotMerged(name, plain(exc)))
            continue
        except InvalidInput as exc:
            outcomes.append(NotMerged(name, plain(exc)))
            continue
        if bundle.source != "a copy of a data file":
            outcomes.append(NotMerged(name, f"it is {bundle.source}, not a copy of the data file"))
            continue
        before = _current_bytes(real)
        try:
            result = store.import_read(bundle)
        except DataFileError:
            raise
        except LeanonError as exc:
            outcomes.append(NotMerged(name, plain(exc)))
            continue
        kept_before = None
        if result.lost_here and before is not None:
            kept_before = _keep(real, filesafe.merged_copy_path(real, copy, "before-merge"), before)
        kept = _keep(real, filesafe.merged_copy_path(real, copy), raw)
        if kept is None:
            outcomes.append(NotMerged(name, "backups/ could not be written; it was merged"))
            continue
        try:
            os.unlink(copy)
        except FileNotFoundError:
            pass
        outcomes.append(Merged(name, kept, result, kept_before))
    return outcomes


def _current_bytes(real: str) -> bytes | None:
    try:
        return filesafe.read_regular(real)
    except OSError:
        return None


def _keep(real: str, target: str, raw: bytes) -> str | None:
    """Write ``raw`` to ``target`` in ``backups/`` (private, whole or not at all), encrypted
    when the data file's encryption is on, as every backup is."""
    try:
        if not sealed.is_sealed(raw):
            raw = sealed.seal(real, raw)
        filesafe.ensure_dir(filesafe.backups_folder(real))
        filesafe.atomic_write(target, [raw])
    except (OSError, sealed.Locked):
        return None
    return target
