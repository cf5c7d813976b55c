"""A workaround for a CPython 3.13.0 slowdown that every test and every request ran into."""


def with_stack_runway(call):
    """``call()``, from a frame that opens a fresh 128 KB chunk of the thread's frame stack.

    CPython 3.13.0 (pyenv's, here) keeps Python frames in 16 KB chunks, frees a chunk as soon
    as the frame that opened it returns, and maps a new one the next time the stack grows
    past that depth (CPython gh-142183, fixed in later 3.13 releases). A page render goes up
    and down across such a boundary hundreds of times: strace counted 427,000 mmap calls, and
    as many munmap, for the self-check walk in five languages with its database setup. This
    frame claims an oversized evaluation stack, so its chunk is allocated at twice the size it
    needs, and a test, its fixtures and its requests run in the 70 KB left over: 4,000 mmap
    calls for the same run.
    """
    return call()


# 7,300 slots of 8 bytes: a 58 KB frame. CPython doubles a new chunk's 16 KB until the frame
# and 8 KB of headroom fit, which gives 128 KB, 70 KB of it free above this frame.
RUNWAY_SLOTS = 7_300
with_stack_runway.__code__ = with_stack_runway.__code__.replace(co_stacksize=RUNWAY_SLOTS)
