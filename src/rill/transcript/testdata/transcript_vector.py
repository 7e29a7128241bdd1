#!/usr/bin/env python3
"""Independent model of the transcript framing in docs/proof-format.md ("Transcript").

Prints the expected state digests and challenges of the fixed script used by
transcript_test.cpp (TranscriptVector.PinnedDigest). Uses only Python's hashlib BLAKE2b, so the
test's expected values do not come from the C++ code under test.
"""
import hashlib

R = 0x30644E72E131A029B85045B68181585D2833E84879B9709143E1F593F0000001


class Transcript:
    def __init__(self, label: bytes):
        assert len(label) <= 32
        self.state = hashlib.blake2b(label.ljust(32, b"\0"), digest_size=32).digest()
        self.n = 0

    def _hash(self, data: bytes) -> None:
        tag = b"\0" * 28 + self.n.to_bytes(4, "big")
        self.state = hashlib.blake2b(self.state + tag + data, digest_size=32).digest()
        self.n += 1

    def append_bytes(self, label: bytes, data: bytes) -> None:
        self._hash(label.ljust(24, b"\0") + len(data).to_bytes(8, "big"))
        self._hash(data)

    def append_u64(self, label: bytes, x: int) -> None:
        self._hash(label.ljust(32, b"\0"))
        self._hash(b"\0" * 24 + x.to_bytes(8, "big"))

    def append_scalar(self, label: bytes, x: int) -> None:
        self._hash(label.ljust(32, b"\0"))
        self._hash((x % R).to_bytes(32, "little"))

    def append_scalars(self, label: bytes, xs) -> None:
        self._hash(label.ljust(24, b"\0") + len(xs).to_bytes(8, "big"))
        for x in xs:
            self._hash((x % R).to_bytes(32, "little"))

    def challenge(self) -> int:
        self._hash(b"")
        return int.from_bytes(self.state[:16], "little")


t = Transcript(b"rill-transcript-test")
t.append_u64(b"version", 1)
t.append_bytes(b"blob", bytes(range(100)))
t.append_scalar(b"sumcheck_claim", 12345)
t.append_scalars(b"sumcheck_poly", [1, 2, R - 1, 2**200 + 7])
c1 = t.challenge()
t.append_bytes(b"empty", b"")
c2 = t.challenge()
print("state  =", t.state.hex())
print("rounds =", t.n)
print("c1     = 0x%032x" % c1)
print("c2     = 0x%032x" % c2)
