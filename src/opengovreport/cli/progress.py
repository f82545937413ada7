"""Progress of long runs on stderr: count, rate and time left, only when stderr is a terminal."""

from __future__ import annotations

import sys
import time
from typing import IO


class Progress:
    """A one-line progress display that rewrites itself; silent when the stream is not a tty.

    Nothing is written for runs shorter than ``delay`` seconds, and never more than
    ``interval`` apart, so short runs and pipes see no extra output at all.
    """

    def __init__(self, stream: IO[str] | None = None, *, delay: float = 0.5, interval: float = 0.2,
                 clock: "type[time.monotonic] | None" = None, force: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = force if force is not None else bool(isatty and isatty())
        self.clock = clock or time.monotonic
        self.start = self.clock()
        self.delay = delay
        self.interval = interval
        self.shown_at = 0.0
        self.shown = False
        self.base = 0
        """Reports done before the current input (a folder's earlier files and packages)."""

    def update(self, done: int, total: int | None, *, label: str = "") -> None:
        if not self.enabled:
            return
        now = self.clock()
        if now - self.start < self.delay or now - self.shown_at < self.interval:
            return
        self.shown_at = now
        elapsed = now - self.start
        count = self.base + done
        rate = count / elapsed if elapsed > 0 else 0.0
        text = f"{count:,} reports, {rate:,.0f}/s"
        if total:
            left = max(total - done, 0)
            text = f"{self.base + done:,}/{self.base + total:,} reports, {rate:,.0f}/s"
            if rate > 0:
                text += f", {_duration(left / rate)} left"
        if label:
            text += f"  {label}"
        self.stream.write("\r\033[K" + text[:200])
        self.stream.flush()
        self.shown = True

    def advance(self, done: int) -> None:
        """Count ``done`` reports as finished (before the next input starts)."""
        self.base += done

    def clear_for(self, stream: IO[str]) -> None:
        """Clear the line before ``stream`` writes, if that goes to the terminal too."""
        isatty = getattr(stream, "isatty", None)
        if isatty is not None and isatty():
            self.close()

    def close(self) -> None:
        if self.enabled and self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"
