"""Opening a data package safely: a folder, a datapackage.json, or a .zip.

Nothing outside the package is ever read. A resource path that is absolute,
contains ``..``, is a URL, or leads out of the package through a symlink is
refused; so is a zip whose member names climb out of it, or that would expand
past the size or ratio limits (a zip bomb). These are
:class:`PackageError`\\ s: the package is unusable, not merely invalid.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path
from typing import IO, Any

import attrs

from ..errors import InputError

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")

DEFAULT_MAX_BYTES = 2 * 1024**3
"""Largest total size a package may expand to (2 GiB)."""
DEFAULT_MAX_RATIO = 200
"""Largest compression ratio of a zip member larger than 1 MiB."""


class PackageError(InputError):
    """The package cannot be read safely or at all."""


@attrs.frozen
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_ratio: int = DEFAULT_MAX_RATIO


def check_resource_path(path: object, file: str) -> str:
    """The resource path, normalized, if it stays inside the package; PackageError if not."""
    if not isinstance(path, str) or not path:
        raise PackageError(f"resource path must be a relative file path, found {path!r}", file=file)
    if _URL.match(path) and not _WINDOWS_DRIVE.match(path):
        raise PackageError(f"resource path {path!r} is a URL; remote data is never fetched", file=file)
    if path.startswith(("/", "\\")) or _WINDOWS_DRIVE.match(path):
        raise PackageError(f"resource path {path!r} is absolute; it must be relative to the package",
                           file=file)
    if "\\" in path:
        raise PackageError(f"resource path {path!r} uses backslashes; use '/'", file=file)
    if ".." in path.split("/"):
        raise PackageError(f"resource path {path!r} leaves the package ('..')", file=file)
    return posixpath.normpath(path)


class PackageSource:
    """Reads the files of one package, refusing anything that leads outside it."""

    def __init__(self, path: str | Path, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        given = Path(path)
        self.name = str(given)
        self._zip: zipfile.ZipFile | None = None
        self._root: Path | None = None
        self._read_bytes = 0
        if given.is_dir():
            if not (given / "datapackage.json").is_file():
                raise PackageError("the folder has no datapackage.json", file=self.name)
            self._root = given
            self.descriptor_name = str(given / "datapackage.json")
        elif given.is_file() and given.name != "datapackage.json" and zipfile.is_zipfile(given):
            self._open_zip(given)
            self.descriptor_name = f"{self.name}!datapackage.json"
        elif given.is_file():
            self._root = given.parent
            self.descriptor_name = str(given)
        else:
            raise PackageError("no such file or folder", file=self.name)

    def _open_zip(self, path: Path) -> None:
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise PackageError(f"not a readable zip file: {exc}", file=self.name) from None
        total = 0
        for info in archive.infolist():
            name = info.filename
            if name.startswith(("/", "\\")) or _WINDOWS_DRIVE.match(name) or ".." in re.split(r"[/\\]", name):
                archive.close()
                raise PackageError(f"zip member {name!r} would be written outside the package",
                                   file=self.name)
            total += info.file_size
            if info.file_size > 1024**2 and info.compress_size and (
                info.file_size / info.compress_size > self.limits.max_ratio
            ):
                archive.close()
                raise PackageError(
                    f"zip member {name!r} expands {info.file_size // info.compress_size}× "
                    f"(limit {self.limits.max_ratio}×): refused as a possible zip bomb",
                    file=self.name,
                )
        if total > self.limits.max_bytes:
            archive.close()
            raise PackageError(
                f"the zip expands to {total} bytes (limit {self.limits.max_bytes}): refused",
                file=self.name,
            )
        names = {info.filename for info in archive.infolist()}
        if "datapackage.json" not in names:
            archive.close()
            raise PackageError("the zip has no datapackage.json at its top", file=self.name)
        self._zip = archive

    def display(self, resource_path: str) -> str:
        """How to name a file of the package in messages."""
        if self._zip is not None:
            return f"{self.name}!{resource_path}"
        assert self._root is not None
        return str(self._root / resource_path)

    def read_descriptor(self) -> bytes:
        return self.read("datapackage.json", checked=True)

    def read(self, resource_path: str, checked: bool = False) -> bytes:
        """The bytes of a file of the package (its path checked unless ``checked``)."""
        path = resource_path if checked else check_resource_path(resource_path, self.descriptor_name)
        if self._zip is not None:
            try:
                info = self._zip.getinfo(path)
            except KeyError:
                raise PackageError(f"the package has no file {path!r}", file=self.name) from None
            with self._zip.open(info) as handle:
                data = self._bounded(handle, info.file_size, path)
            return data
        real = self._local(path)
        with real.open("rb") as handle:
            return self._bounded(handle, real.stat().st_size, path)

    def local_file(self, resource_path: str) -> Path | None:
        """The file on disk of a resource of a folder package (checked like :meth:`read`);
        None in a zip."""
        if self._zip is not None:
            return None
        return self._local(check_resource_path(resource_path, self.descriptor_name))

    def open(self, resource_path: str, offset: int = 0) -> IO[bytes]:
        """A stream of a file of the package, checked like :meth:`read` and bounded while read.

        Reading more than the file declares, or past the package limit, raises PackageError.
        ``offset`` (folder packages only) starts the stream that many bytes into the file.
        """
        path = check_resource_path(resource_path, self.descriptor_name)
        if offset and self._zip is not None:
            raise ValueError("a stream of a zip member starts at its beginning")
        if self._zip is not None:
            try:
                info = self._zip.getinfo(path)
            except KeyError:
                raise PackageError(f"the package has no file {path!r}", file=self.name) from None
            return io.BufferedReader(_Bounded(self, self._zip.open(info), info.file_size, path),
                                     1024 * 1024)
        real = self._local(path)
        handle = real.open("rb")
        size = real.stat().st_size
        if offset:
            handle.seek(min(offset, size))
        return io.BufferedReader(_Bounded(self, handle, max(size - offset, 0), path), 1024 * 1024)

    def _local(self, path: str) -> Path:
        assert self._root is not None
        root = self._root.resolve()
        target = (self._root / path)
        try:
            real = target.resolve(strict=True)
        except (FileNotFoundError, OSError):
            raise PackageError(f"the package has no file {path!r}", file=self.descriptor_name) from None
        if root != real and root not in real.parents:
            raise PackageError(
                f"resource path {path!r} leads outside the package (through a link)",
                file=self.descriptor_name,
            )
        if not real.is_file():
            raise PackageError(f"resource path {path!r} is not a file", file=self.descriptor_name)
        return real

    def _bounded(self, handle: IO[bytes], declared: int, path: str) -> bytes:
        # Read no more than declared and the package limit allow, whatever a header says.
        allowance = self.limits.max_bytes - self._read_bytes
        data = handle.read(min(declared, allowance) + 1)
        if len(data) > declared or len(data) > allowance:
            raise self._too_large(path)
        self._read_bytes += len(data)
        return data

    def _too_large(self, path: str) -> PackageError:
        return PackageError(
            f"{path} is larger than declared or than the package limit "
            f"({self.limits.max_bytes} bytes): refused",
            file=self.name,
        )

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> "PackageSource":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Bounded(io.RawIOBase):
    """A file of a package read as a stream, refused as soon as it outgrows what it declared."""

    def __init__(self, source: PackageSource, handle: IO[bytes], declared: int, path: str) -> None:
        self.source = source
        self.handle = handle
        self.declared = declared
        self.path = path
        self.seen = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)
        data = self.handle.read(len(view))
        self.seen += len(data)
        self.source._read_bytes += len(data)
        if self.seen > self.declared or self.source._read_bytes > self.source.limits.max_bytes:
            raise self.source._too_large(self.path)
        view[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.handle.close()
        super().close()
