"""Worker processes that read parts of a package: started, counted and always stopped."""

from __future__ import annotations

from typing import Any, Callable, NamedTuple


class Child(NamedTuple):
    process: Any
    receive: Any
    """The parent's end of the pipe the child sends its one answer on."""
    counter: Any
    """Reports the child has done so far (shared memory, read for progress)."""


def start_child(target: Callable[..., None], *args: Any) -> Child:
    """Fork a process running ``target(send, *args, counter)``; it must send one answer."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    counter = context.Value("q", 0, lock=False)
    process = context.Process(target=target, args=(send, *args, counter), daemon=True)
    process.start()
    send.close()
    return Child(process, receive, counter)


def stop_children(children: list[Child]) -> None:
    """Stop children still running (their parent gave up on them) and close their pipes."""
    for child in children:
        if child.process.is_alive():
            child.process.terminate()
        child.process.join()
        child.receive.close()
