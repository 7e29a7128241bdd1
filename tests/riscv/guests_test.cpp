// The canonical guests (zkVM builds) compute what the host computes: Fibonacci by a host loop,
// muldiv by a host transcription with the RISC-V division rules spelled out, SHA-256 chains by
// libsodium. Also the `rill run` numbers the CLI prints come from these summaries.
#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <optional>

#include "rill/riscv/execution.hpp"
#include "rill/riscv/ram_bounds.hpp"
#include "test_support.hpp"

namespace rill::riscv::testing {
namespace {

std::vector<u8> le32(u32 v) {
  return {static_cast<u8>(v), static_cast<u8>(v >> 8), static_cast<u8>(v >> 16),
          static_cast<u8>(v >> 24)};
}

ExecutionSummary run_guest(const std::string& name, u32 size) {
  const Machine machine(load_elf(guest_path(name + ".elf")), MemoryConfig{});
  return execute(machine, le32(size));
}

TEST(Guests, FibonacciMatchesHostLoop) {
  for (u32 n : {0u, 1u, 2u, 10u, 1000u, 5000u}) {
    u32 a = 0, b = 1;
    for (u32 i = 0; i < n; ++i) {
      const u32 t = a + b;
      a = b;
      b = t;
    }
    const ExecutionSummary s = run_guest("fibonacci", n);
    EXPECT_EQ(s.output, le32(a)) << "n = " << n;
    EXPECT_FALSE(s.panicked);
    EXPECT_TRUE(s.terminated);
  }
  EXPECT_EQ(run_guest("fibonacci", 1000).output, le32(0x5cc0604bu));  // toolchain.md §1
}

// RISC-V M-extension division, from the ISA manual's table of special cases.
i32 rv_div(i32 a, i32 b) {
  if (b == 0) return -1;
  if (a == INT32_MIN && b == -1) return INT32_MIN;
  return a / b;
}
i32 rv_rem(i32 a, i32 b) {
  if (b == 0) return a;
  if (a == INT32_MIN && b == -1) return 0;
  return a % b;
}
u32 rv_divu(u32 a, u32 b) { return b == 0 ? 0xFFFFFFFFu : a / b; }
u32 rv_remu(u32 a, u32 b) { return b == 0 ? a : a % b; }

std::vector<u8> host_muldiv(u32 n) {
  u32 acc = 0x12345678u;
  i32 s = -7;
  u64 wide = 0x0123456789abcdefull;
  for (u32 i = 1; i <= n; i++) {
    acc = acc * 0x9E3779B1u + i;
    const u32 hi = static_cast<u32>((static_cast<u64>(acc) * static_cast<u64>(acc ^ i)) >> 32);
    const i32 sh = static_cast<i32>((static_cast<i64>(static_cast<i32>(acc)) * s) >> 32);
    const u32 su = static_cast<u32>((static_cast<i64>(static_cast<i32>(acc)) * i64{hi}) >> 32);
    acc ^= hi + static_cast<u32>(sh) + su;
    acc += rv_divu(acc, i & 7u) + rv_remu(acc, (i + 3) & 15u);
    const i32 divisor = static_cast<i32>((i % 5u) - 2u);
    s = static_cast<i32>(static_cast<u32>(rv_div(s * 3 - static_cast<i32>(i & 0xffu), divisor)) +
                         static_cast<u32>(rv_rem(static_cast<i32>(acc), 17)) +
                         static_cast<u32>(rv_rem(static_cast<i32>(acc), divisor)));
    s = rv_rem(s, 1000003);
    wide = wide / (i + 7) * 13 + wide % 1000003u;
  }
  acc ^= rv_divu(acc, 0) ^ rv_remu(acc, 0);
  acc ^= static_cast<u32>(rv_div(INT32_MIN, -1)) ^ static_cast<u32>(rv_rem(INT32_MIN, -1)) ^
         static_cast<u32>(rv_div(s, 0)) ^ static_cast<u32>(rv_rem(s, 0));
  std::vector<u8> out;
  for (u32 w : {acc, static_cast<u32>(s), static_cast<u32>(wide >> 32), static_cast<u32>(wide)}) {
    const auto b = le32(w);
    out.insert(out.end(), b.begin(), b.end());
  }
  return out;
}

TEST(Guests, MuldivMatchesHostTranscription) {
  for (u32 n : {0u, 1u, 7u, 200u}) EXPECT_EQ(run_guest("muldiv", n).output, host_muldiv(n)) << n;
}

TEST(Guests, Sha2ChainMatchesLibsodium) {
  ASSERT_GE(sodium_init(), 0);
  for (u32 n : {0u, 1u, 3u, 100u}) {
    std::vector<u8> h(32, 0);
    for (u32 i = 0; i < n; ++i) crypto_hash_sha256(h.data(), h.data(), h.size());
    EXPECT_EQ(run_guest("sha2_chain", n).output, h) << "n = " << n;
  }
}

// memory_ops on the host: the same fill, Fisher-Yates shuffle and checksum as
// guests/src/memory_ops.c, the sort by std::sort (the guest heap-sorts).
u32 host_memory_ops(u32 n, u32 repeat) {
  auto mix = [](u32 i, u32 round) {
    u32 v = (i * 0x9E3779B1u) ^ (round * 0x7F4A7C15u);
    v ^= v >> 15;
    v *= 0x2C1B3C6Du;
    v ^= v >> 12;
    return v;
  };
  auto fold = [](u32 acc, const std::vector<u32>& a) {
    for (u32 v : a) acc = (acc ^ v) * 0x01000193u;
    return acc;
  };
  u32 acc = 0x811C9DC5u, lcg = 12345u;
  std::vector<u32> a(n);
  for (u32 round = 0; round < repeat; ++round) {
    for (u32 i = 0; i < n; ++i) a[i] = mix(i, round);
    for (u32 i = n; i > 1; --i) {
      lcg = lcg * 1664525u + 1013904223u;
      std::swap(a[i - 1], a[(lcg >> 8) % i]);
    }
    acc = fold(acc, a);
    std::sort(a.begin(), a.end());
    acc = fold(acc, a);
  }
  return acc;
}

ExecutionSummary run_memory_ops(u32 n, std::optional<u32> repeat, const MemoryConfig& config = {}) {
  const Machine machine(load_elf(guest_path("memory_ops.elf")), config);
  std::vector<u8> input = le32(n);
  if (repeat) {
    const auto r = le32(*repeat);
    input.insert(input.end(), r.begin(), r.end());
  }
  return execute(machine, input);
}

TEST(Guests, MemoryOpsMatchesHostSort) {
  for (u32 n : {0u, 1u, 2u, 3u, 17u, 500u}) {
    const ExecutionSummary s = run_memory_ops(n, std::nullopt);
    EXPECT_EQ(s.output, le32(host_memory_ops(n, 1))) << "n = " << n;
    EXPECT_FALSE(s.panicked);
  }
  for (u32 repeat : {0u, 1u, 3u}) {
    EXPECT_EQ(run_memory_ops(100, repeat).output, le32(host_memory_ops(100, repeat)))
        << "repeat = " << repeat;
  }
}

// T grows with the repeat count while K_ram stays put; K_ram follows n (the heap buffer).
TEST(Guests, MemoryOpsRepeatGrowsTAtFixedKRam) {
  const ExecutionSummary once = run_memory_ops(256, 1), four = run_memory_ops(256, 4);
  EXPECT_GT(four.rows, 3 * once.rows);
  EXPECT_EQ(four.k_ram, once.k_ram);
  const ExecutionSummary big = run_memory_ops(20000, 1);
  EXPECT_GT(big.k_ram, once.k_ram);
  EXPECT_GE(big.k_ram, once.k_ram + 20000);
}

// The documented bound: n up to heap bytes / 4 (262,144 for the default heap) works, beyond
// panics (a provable outcome, not a machine error).
TEST(Guests, MemoryOpsBoundIsTheHeap) {
  EXPECT_TRUE(run_memory_ops(262145, 0).panicked);
  const ExecutionSummary full = run_memory_ops(262144, 0);
  EXPECT_FALSE(full.panicked);
  EXPECT_TRUE(full.terminated);
}

// The K_ram every canonical guest's run needs lies inside the bounds the statement implies.
TEST(Guests, KRamWithinTheStatementsBounds) {
  struct Case {
    const char* guest;
    std::vector<u8> input;
  };
  const std::vector<Case> cases = {{"fibonacci", le32(100)},  {"muldiv", le32(20)},
                                   {"sha2_chain", le32(2)},   {"memory_ops", le32(3000)},
                                   {"echo", {1, 2, 3, 4, 5}}, {"echo", {0xff, 1}}};  // panics
  for (const Case& c : cases) {
    const Machine machine(load_elf(guest_path(std::string(c.guest) + ".elf")), MemoryConfig{});
    const ExecutionSummary s = execute(machine, c.input);
    const KRamBounds b =
        k_ram_bounds(machine.program(), machine.layout(), c.input, s.output, s.panicked);
    EXPECT_TRUE(b.allows(s.k_ram))
        << c.guest << ": " << b.min << " <= " << s.k_ram << " <= " << b.max;
    EXPECT_GT(b.min, u64{machine.layout().io_words()}) << "the image starts past the I/O block";
  }
}

TEST(Guests, SizesGrowWithTheInput) {
  const ExecutionSummary small = run_guest("sha2_chain", 1), big = run_guest("sha2_chain", 4);
  EXPECT_GT(big.rows, 3 * small.rows);
  EXPECT_GE(big.rows, big.instructions);  // sequences expand instructions into more rows
  EXPECT_EQ(big.padded_len, padded_trace_length(big.rows));
}

}  // namespace
}  // namespace rill::riscv::testing
