// The read-RAF address rounds against independent computations:
//  * XLEN = 8 (2^16-entry index space): every round polynomial h(0), h(1), h(2) equals the
//    brute-force sum over the full table, Σ_k D(k)·V(k) with D the dense per-class ra·eq sums and
//    V the dense table entries plus RAF legs (from entry() and uninterleave, no prefix/suffix),
//    both bound most significant bit first; for several phase layouts (odd splits included),
//    with the pass split into merged segments.
//  * XLEN = 32 over Fr on real lookups (kinds, operands, lookup_query): the input claim is
//    Σ_j eq(r, j)·(LookupOutput_j + γ·Left_j + γ²·Right_j), and every round polynomial equals
//    the direct per-cycle evaluation Σ_j w_j·eq(r_{<b}, k_j[<b])·eq(X, k_{j,b})·V_j(r_{<b}, X,
//    k_j[>b]) with V_j from the tables' evaluate_mle; the last claim equals the verifier's
//    formula Σ_j w_j·eq(r_a, k_j)·read_raf_address_value(…).
#include "rill/zkvm/shout/instruction_read_raf.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "rill/field/fr.hpp"
#include "rill/poly/eq.hpp"
#include "rill/poly/univariate.hpp"
#include "rill/riscv/instruction.hpp"
#include "rill/sumcheck/batched.hpp"
#include "rill/transcript/transcript.hpp"
#include "rill/zkvm/lookups/instruction_lookup.hpp"
#include "rill/zkvm/lookups/mersenne_field_for_tests.hpp"
#include "rill/zkvm/shout/instruction_read_raf_instance.hpp"

namespace rill::zkvm::shout {
namespace {

using lookups::low_mask;

template <class F>
struct WeightedCycle {
  LookupCycle lookup;
  F w;
};

// ---------------------------------------------------------------------------------------------
// XLEN = 8, brute force over the full 2^16 table.

namespace small {

using F = lookups::testing::Mersenne61;
constexpr unsigned kXlen = 8;
constexpr unsigned kLogK = 16;
constexpr u64 kSize = u64{1} << kLogK;

std::vector<WeightedCycle<F>> random_cycles(std::mt19937_64& rng, std::size_t n) {
  std::vector<WeightedCycle<F>> cycles;
  for (std::size_t j = 0; j < n; ++j) {
    WeightedCycle<F> c;
    // A few repeated indices, the rest random.
    c.lookup.index = j % 7 == 3 ? cycles[j - 1].lookup.index : rng() & low_mask(kLogK);
    const unsigned t = static_cast<unsigned>(rng() % (lookups::kNumTables + 1));
    if (t < lookups::kNumTables) c.lookup.table = static_cast<TableKind>(t);
    c.lookup.raf_flag = (rng() & 1) != 0;
    c.w = F::random(rng);
    cycles.push_back(c);
  }
  return cycles;
}

// The dense brute-force state: for each class (table or none, raf flag) D[k] = Σ_{j in class}
// w_j·[k_j = k] and V[k] = Val_t(k) + γ(1−rf)·x(k) + γ²(1−rf)·y(k) + γ²·rf·k.
struct Dense {
  std::vector<F> d, v;
};

std::vector<Dense> brute_force_classes(const std::vector<WeightedCycle<F>>& cycles, F gamma) {
  std::map<std::pair<int, bool>, Dense> classes;
  for (const auto& c : cycles) {
    const int t = c.lookup.table ? static_cast<int>(*c.lookup.table) : -1;
    Dense& dense = classes[{t, c.lookup.raf_flag}];
    if (dense.d.empty()) {
      dense.d.assign(kSize, F::zero());
      dense.v.assign(kSize, F::zero());
      const F g2 = gamma * gamma;
      for (u64 k = 0; k < kSize; ++k) {
        const auto [x, y] = lookups::uninterleave<kXlen>(k);
        F value = t >= 0 ? F::from_u64(lookups::table_entry<kXlen>(static_cast<TableKind>(t), k))
                         : F::zero();
        if (c.lookup.raf_flag) {
          value = value + g2 * F::from_u64(k);
        } else {
          value = value + gamma * F::from_u64(x) + g2 * F::from_u64(y);
        }
        dense.v[k] = value;
      }
    }
    dense.d[c.lookup.index] = dense.d[c.lookup.index] + c.w;
  }
  std::vector<Dense> out;
  for (auto& [key, dense] : classes) out.push_back(std::move(dense));
  return out;
}

std::array<F, 3> brute_force_round(const std::vector<Dense>& classes) {
  std::array<F, 3> h = {F::zero(), F::zero(), F::zero()};
  for (const Dense& c : classes) {
    const std::size_t half = c.d.size() / 2;
    for (std::size_t i = 0; i < half; ++i) {
      const F d0 = c.d[i], d1 = c.d[half + i], v0 = c.v[i], v1 = c.v[half + i];
      h[0] = h[0] + d0 * v0;
      h[1] = h[1] + d1 * v1;
      h[2] = h[2] + (d1 + d1 - d0) * (v1 + v1 - v0);
    }
  }
  return h;
}

void bind_top(std::vector<F>& f, F r) {
  const std::size_t half = f.size() / 2;
  for (std::size_t i = 0; i < half; ++i) f[i] = f[i] + r * (f[half + i] - f[i]);
  f.resize(half);
}

F eq_bits(std::span<const F> r, u64 index) {
  F e = F::one();
  for (unsigned p = 0; p < r.size(); ++p) {
    const bool bit = ((index >> (kLogK - 1 - p)) & 1) != 0;
    e = e * (bit ? r[p] : F::one() - r[p]);
  }
  return e;
}

void run_brute_force_comparison(const std::vector<unsigned>& phases, std::size_t segments,
                                std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const std::vector<WeightedCycle<F>> cycles = random_cycles(rng, 48);
  const F gamma = F::random(rng);
  std::vector<Dense> classes = brute_force_classes(cycles, gamma);
  ReadRafAddressProver<kXlen, F> prover(gamma, phases);

  // The input claim Σ_j w_j·V_j(k_j): round 0's h(0) + h(1).
  F input = F::zero();
  for (const auto& c : cycles) {
    const auto [x, y] = lookups::uninterleave<kXlen>(c.lookup.index);
    F v = c.lookup.table ? F::from_u64(lookups::table_entry<kXlen>(*c.lookup.table, c.lookup.index))
                         : F::zero();
    v = v + (c.lookup.raf_flag ? gamma * gamma * F::from_u64(c.lookup.index)
                               : gamma * F::from_u64(x) + gamma * gamma * F::from_u64(y));
    input = input + c.w * v;
  }

  F claim = input;
  for (unsigned round = 0; round < kLogK; ++round) {
    if (prover.needs_pass()) {
      // The pass in `segments` consecutive segments, merged later-into-earlier like the driver.
      std::vector<typename ReadRafAddressProver<kXlen, F>::PhaseAccumulator> parts;
      for (std::size_t s = 0; s < segments; ++s) parts.push_back(prover.new_accumulator());
      for (std::size_t j = 0; j < cycles.size(); ++j) {
        parts[j * segments / cycles.size()].add(cycles[j].lookup, cycles[j].w);
      }
      for (std::size_t s = segments; s-- > 1;) parts[s - 1].merge(parts[s]);
      prover.finish_pass(std::move(parts[0]));
    }
    ASSERT_FALSE(prover.needs_pass());
    const std::array<F, 3> h = prover.round_evals();
    const std::array<F, 3> expected = brute_force_round(classes);
    for (int x = 0; x < 3; ++x) {
      ASSERT_EQ(h[x].value(), expected[x].value()) << "round " << round << " h(" << x << ")";
    }
    ASSERT_EQ((h[0] + h[1]).value(), claim.value()) << "round " << round;
    const F r = F::random(rng);
    // h has degree 2: h(r) by Lagrange interpolation on 0, 1, 2.
    const F two = F::from_u64(2);
    const F inv2 = F::from_u64((F::kModulus + 1) / 2);
    claim = h[0] * (r - F::one()) * (r - two) * inv2 - h[1] * r * (r - two) +
            h[2] * r * (r - F::one()) * inv2;
    prover.bind(r);
    for (Dense& c : classes) {
      bind_top(c.d, r);
      bind_top(c.v, r);
    }
  }
  // Fully bound: the claim is Σ_j w_j·eq(r_a, k_j)·(verifier's address value with the cycle's
  // one-hot flags), and the prover's table and leg values are the MLEs at r_a.
  const std::span<const F> r_a = prover.challenges();
  F expected_final = F::zero();
  for (const auto& c : cycles) {
    std::vector<F> flags(lookups::kNumTables, F::zero());
    if (c.lookup.table) flags[static_cast<std::size_t>(*c.lookup.table)] = F::one();
    const F rf = c.lookup.raf_flag ? F::one() : F::zero();
    expected_final = expected_final + c.w * eq_bits(r_a, c.lookup.index) *
                                          read_raf_address_value<kXlen, F>(
                                              r_a, std::span<const F>(flags), rf, gamma);
  }
  EXPECT_EQ(claim.value(), expected_final.value());
  F dense_final = F::zero();
  for (const Dense& c : classes) dense_final = dense_final + c.d[0] * c.v[0];
  EXPECT_EQ(claim.value(), dense_final.value());
  for (TableKind kind : lookups::all_table_kinds()) {
    EXPECT_EQ(prover.table_value(kind).value(),
              (lookups::evaluate_table_mle<kXlen, F>(kind, r_a)).value())
        << lookups::table_name(kind);
  }
  for (RafLeg leg : lookups::kRafLegs) {
    EXPECT_EQ(prover.leg_value(leg).value(),
              lookups::RafLegs<kXlen>::evaluate_mle<F>(leg, r_a).value());
  }
}

}  // namespace small

TEST(ReadRafAddress, Xlen8RoundsEqualBruteForceOverTheFullTable) {
  const std::vector<std::vector<unsigned>> layouts = {
      {4, 4, 4, 4}, {8, 8}, {16}, {3, 5, 2, 6}, std::vector<unsigned>(16, 1)};
  std::uint64_t seed = 100;
  for (const auto& layout : layouts) {
    std::string name;
    for (unsigned len : layout) name += std::to_string(len) + " ";
    SCOPED_TRACE("phases " + name);
    small::run_brute_force_comparison(layout, 1, seed++);
  }
}

TEST(ReadRafAddress, Xlen8SegmentedPassesGiveTheSameRounds) {
  small::run_brute_force_comparison({4, 4, 4, 4}, 5, 7);
  small::run_brute_force_comparison({3, 5, 2, 6}, 3, 8);
}

// ---------------------------------------------------------------------------------------------
// XLEN = 32 over Fr, real lookups, direct per-cycle evaluation.

namespace word {

constexpr unsigned kLogK = 64;

struct RealCycle {
  WeightedCycle<Fr> weighted;
  u64 output = 0;
  u64 left = 0;   // LeftLookupOperand
  u64 right = 0;  // RightLookupOperand
};

std::vector<RealCycle> real_cycles(std::mt19937_64& rng, unsigned log_n) {
  const std::size_t n = std::size_t{1} << log_n;
  std::vector<Fr> r_cycle(log_n);
  for (auto& v : r_cycle) v = Fr::random(rng);
  const auto w = eq_table(r_cycle);
  const std::vector<u32> edges = {0, 1, ~0u, 0x80000000u, 0x7FFFFFFFu, 31, 0x12345678u};
  std::vector<RealCycle> cycles;
  for (std::size_t j = 0; j < n; ++j) {
    const riscv::Kind kind =
        riscv::kTraceKinds[j < riscv::kTraceKinds.size() ? j : rng() % riscv::kTraceKinds.size()];
    const u32 x = j % 5 == 0 ? edges[rng() % edges.size()] : static_cast<u32>(rng());
    u32 y = j % 3 == 0 ? edges[rng() % edges.size()] : static_cast<u32>(rng());
    if (kind == riscv::Kind::VirtualSrl || kind == riscv::Kind::VirtualSra ||
        kind == riscv::Kind::VirtualSrli || kind == riscv::Kind::VirtualSrai) {
      y = riscv::shift_bitmask(static_cast<u32>(rng() % 32));
    }
    const lookups::InstructionLookup lookup = lookups::instruction_lookup(kind);
    const lookups::LookupQuery query = lookups::lookup_query(kind, x, y);
    RealCycle c;
    c.weighted.lookup = {query.index, lookup.table, !lookup.interleaved()};
    c.weighted.w = w[j];
    c.output = lookups::table_lookup_output(kind, x, y);
    c.left = query.left_operand;
    c.right = query.right_operand;
    cycles.push_back(c);
  }
  return cycles;
}

// The legs' MLEs with the reference weights (jolt-protocol.md §3 stage 5a).
Fr leg_mle(RafLeg leg, std::span<const Fr> point) {
  Fr sum = Fr::zero();
  for (unsigned p = 0; p < kLogK; ++p) {
    u64 c = 0;
    if (leg == RafLeg::kIdentity) c = u64{1} << (63 - p);
    if (leg == RafLeg::kLeftOperand && p % 2 == 0) c = u64{1} << (31 - p / 2);
    if (leg == RafLeg::kRightOperand && p % 2 == 1) c = u64{1} << (31 - p / 2);
    sum = sum + point[p] * Fr::from_u64(c);
  }
  return sum;
}

Fr direct_value(const LookupCycle& c, std::span<const Fr> point, const Fr& gamma) {
  Fr v = c.table ? lookups::evaluate_table_mle<32, Fr>(*c.table, point) : Fr::zero();
  if (c.raf_flag) return v + gamma * gamma * leg_mle(RafLeg::kIdentity, point);
  return v + gamma * leg_mle(RafLeg::kLeftOperand, point) +
         gamma * gamma * leg_mle(RafLeg::kRightOperand, point);
}

}  // namespace word

TEST(ReadRafAddress, Xlen32RealLookupsRoundByRoundAgainstDirectEvaluation) {
  using namespace word;
  std::mt19937_64 rng(2026);
  const std::vector<RealCycle> cycles = real_cycles(rng, 7);
  const Fr gamma = Fr::random(rng);
  ReadRafAddressProver<32, Fr> prover(gamma, default_phase_lengths(kLogK));
  ASSERT_EQ(prover.num_phases(), 8u);

  // Input claim from the lookups' outputs and operands.
  Fr claim = Fr::zero();
  for (const RealCycle& c : cycles) {
    claim =
        claim + c.weighted.w * read_raf_input_claim(Fr::from_u64(c.output), Fr::from_u64(c.left),
                                                    Fr::from_u64(c.right), gamma);
  }

  std::vector<Fr> u(cycles.size());
  for (std::size_t j = 0; j < cycles.size(); ++j) u[j] = cycles[j].weighted.w;
  std::vector<Fr> r_bound;
  std::size_t max_bytes = 0;
  for (unsigned b = 0; b < kLogK; ++b) {
    if (prover.needs_pass()) {
      prover.run_pass([&](auto&& sink) {
        for (const RealCycle& c : cycles) sink(c.weighted.lookup, c.weighted.w);
      });
    }
    max_bytes = std::max(max_bytes, prover.table_bytes());
    const std::array<Fr, 3> h = prover.round_evals();
    ASSERT_EQ(h[0] + h[1], claim) << "round " << b;
    // Direct: h(X) = Σ_j u_j·eq(X, k_{j,b})·V_j(r_{<b}, X, k_j[>b]).
    std::array<Fr, 3> expected = {Fr::zero(), Fr::zero(), Fr::zero()};
    std::vector<Fr> point(kLogK);
    for (std::size_t j = 0; j < cycles.size(); ++j) {
      const u64 index = cycles[j].weighted.lookup.index;
      for (unsigned p = 0; p < b; ++p) point[p] = r_bound[p];
      for (unsigned p = b + 1; p < kLogK; ++p) point[p] = Fr::from_u64((index >> (63 - p)) & 1);
      const bool bit = ((index >> (63 - b)) & 1) != 0;
      for (unsigned x = 0; x < 3; ++x) {
        const Fr X = Fr::from_u64(x);
        point[b] = X;
        const Fr eq_x = bit ? X : Fr::one() - X;
        expected[x] =
            expected[x] + u[j] * eq_x * direct_value(cycles[j].weighted.lookup, point, gamma);
      }
    }
    for (int x = 0; x < 3; ++x) ASSERT_EQ(h[x], expected[x]) << "round " << b << " h(" << x << ")";
    const Fr r = Fr::random(rng);
    claim = UniPoly::from_evals(std::vector<Fr>(h.begin(), h.end())).evaluate(r);
    prover.bind(r);
    r_bound.push_back(r);
    for (std::size_t j = 0; j < cycles.size(); ++j) {
      const bool bit = ((cycles[j].weighted.lookup.index >> (63 - b)) & 1) != 0;
      u[j] = u[j] * (bit ? r : Fr::one() - r);
    }
  }
  // The verifier's formula at r_a.
  Fr expected_final = Fr::zero();
  for (std::size_t j = 0; j < cycles.size(); ++j) {
    const LookupCycle& c = cycles[j].weighted.lookup;
    std::vector<Fr> flags(lookups::kNumTables, Fr::zero());
    if (c.table) flags[static_cast<std::size_t>(*c.table)] = Fr::one();
    expected_final =
        expected_final + u[j] * read_raf_address_value<32, Fr>(
                                    r_bound, flags, c.raf_flag ? Fr::one() : Fr::zero(), gamma);
  }
  EXPECT_EQ(claim, expected_final);
  for (TableKind kind : lookups::all_table_kinds()) {
    EXPECT_EQ(prover.table_value(kind), (lookups::evaluate_table_mle<32, Fr>(kind, r_bound)));
  }
  // The per-cycle values the cycle rounds read: Π_v ra_v(j) = eq(r_a, k_j) (u_j / w_j above) for
  // virtual chunks of 8 and 16 bits, and Σ_j w_j·Π_v ra_v(j)·combined_value(j) = the last claim.
  for (unsigned log_chunk : {8u, 16u}) {
    Fr sum = Fr::zero();
    for (std::size_t j = 0; j < cycles.size(); ++j) {
      const LookupCycle& c = cycles[j].weighted.lookup;
      const std::vector<Fr> ra = prover.virtual_ra(c.index, log_chunk);
      ASSERT_EQ(ra.size(), 64u / log_chunk);
      Fr product = Fr::one();
      for (std::size_t v = 0; v < ra.size(); ++v) {
        // eq(r_a[v·c, (v+1)·c), chunk_v(k_j)) computed bit by bit.
        Fr e = Fr::one();
        for (unsigned p = v * log_chunk; p < (v + 1) * log_chunk; ++p) {
          e = e * (((c.index >> (63 - p)) & 1) != 0 ? r_bound[p] : Fr::one() - r_bound[p]);
        }
        ASSERT_EQ(ra[v], e) << "chunk " << v;
        product = product * ra[v];
      }
      ASSERT_EQ(cycles[j].weighted.w * product, u[j]);
      sum = sum + cycles[j].weighted.w * product * prover.combined_value(c);
    }
    EXPECT_EQ(sum, claim);
  }
  // Phase tables of 2^8 entries per term: independent of the number of cycles.
  EXPECT_LT(max_bytes, std::size_t{2} << 20);
  std::printf("read-RAF address phase tables: at most %zu bytes\n", max_bytes);
}

// The verifier's side of the address rounds alone: the expected output is computed from the cycles
// (what the cycle rounds will prove), Σ_j w_j·eq(r_a, k_j)·read_raf_address_value(r_a, …).
class AddressOracle final : public SumcheckVerifierInstance {
 public:
  AddressOracle(const std::vector<word::RealCycle>& cycles, Fr gamma, Fr input)
      : cycles_(cycles), gamma_(gamma), input_(input) {}
  unsigned num_rounds() const override { return 64; }
  unsigned degree() const override { return 2; }
  Fr input_claim() const override { return input_; }
  Fr expected_output(std::span<const Fr> r_a) const override {
    Fr sum = Fr::zero();
    for (const word::RealCycle& c : cycles_) {
      const LookupCycle& l = c.weighted.lookup;
      std::vector<Fr> flags(lookups::kNumTables, Fr::zero());
      if (l.table) flags[static_cast<std::size_t>(*l.table)] = Fr::one();
      Fr eq = Fr::one();
      for (unsigned p = 0; p < 64; ++p) {
        eq = eq * (((l.index >> (63 - p)) & 1) != 0 ? r_a[p] : Fr::one() - r_a[p]);
      }
      sum = sum + c.weighted.w * eq *
                      read_raf_address_value<32, Fr>(r_a, flags,
                                                     l.raf_flag ? Fr::one() : Fr::zero(), gamma_);
    }
    return sum;
  }

 private:
  const std::vector<word::RealCycle>& cycles_;
  Fr gamma_, input_;
};

TEST(ReadRafAddress, InstanceProvesAndVerifiesThroughTheBatchedSumcheck) {
  std::mt19937_64 rng(2027);
  const std::vector<word::RealCycle> cycles = word::real_cycles(rng, 8);
  const Fr gamma = Fr::random(rng);
  auto input_claim = [&](std::size_t corrupt) {
    Fr claim = Fr::zero();
    for (std::size_t j = 0; j < cycles.size(); ++j) {
      const u64 output = cycles[j].output + (j == corrupt ? 1 : 0);
      claim = claim + cycles[j].weighted.w *
                          read_raf_input_claim(Fr::from_u64(output), Fr::from_u64(cycles[j].left),
                                               Fr::from_u64(cycles[j].right), gamma);
    }
    return claim;
  };
  auto visit = [&](auto&& sink) {
    for (const word::RealCycle& c : cycles) sink(c.weighted.lookup, c.weighted.w);
  };
  for (std::size_t corrupt : {cycles.size(), std::size_t{40}}) {
    const Fr input = input_claim(corrupt);
    std::optional<ScopedSelfCheckOff> off;  // a false claim on purpose: the verifier rejects
    if (corrupt != cycles.size()) off.emplace();
    ReadRafAddressInstance instance(gamma, input, default_phase_lengths(64), visit);
    SumcheckInstance* const instances[] = {&instance};
    Transcript prover_transcript("read-raf-test");
    const BatchedProverOutput out = prove_batched(back_aligned(instances), prover_transcript);
    EXPECT_EQ(instance.passes(), 8u);
    const AddressOracle oracle(cycles, gamma, input);
    const SumcheckVerifierInstance* const views[] = {&oracle};
    Transcript verifier_transcript("read-raf-test");
    const SumcheckVerification v =
        verify_batched(back_aligned(views), out.proof, verifier_transcript);
    if (corrupt == cycles.size()) {
      EXPECT_TRUE(v.ok());
      EXPECT_EQ(v.challenges, out.challenges);
    } else {
      // A wrong lookup output (40 is a table row: the kinds cycle through kTraceKinds).
      ASSERT_FALSE(v.ok());
      EXPECT_EQ(*v.failure, SumcheckFailure::kFinalClaimMismatch);
    }
  }
}

}  // namespace
}  // namespace rill::zkvm::shout

namespace rill::zkvm::shout {
namespace {

// A measurement, not a test (run with --gtest_also_run_disabled_tests): the address rounds on
// 2^16 real lookups, one thread, with the time of the passes and of the rounds apart.
TEST(ReadRafAddress, DISABLED_TimingAt2To16Cycles) {
  std::mt19937_64 rng(5);
  const std::vector<word::RealCycle> cycles = word::real_cycles(rng, 16);
  ReadRafAddressProver<32, Fr> prover(Fr::random(rng), default_phase_lengths(64));
  double pass_seconds = 0, round_seconds = 0;
  std::size_t max_bytes = 0;
  for (unsigned b = 0; b < 64; ++b) {
    auto t0 = std::chrono::steady_clock::now();
    if (prover.needs_pass()) {
      prover.run_pass([&](auto&& sink) {
        for (const word::RealCycle& c : cycles) sink(c.weighted.lookup, c.weighted.w);
      });
    }
    auto t1 = std::chrono::steady_clock::now();
    max_bytes = std::max(max_bytes, prover.table_bytes());
    const auto h = prover.round_evals();
    prover.bind(h[2] + Fr::one());
    auto t2 = std::chrono::steady_clock::now();
    pass_seconds += std::chrono::duration<double>(t1 - t0).count();
    round_seconds += std::chrono::duration<double>(t2 - t1).count();
  }
  std::printf("2^16 cycles: passes %.3f s (8), rounds %.3f s, phase tables %zu bytes\n",
              pass_seconds, round_seconds, max_bytes);
}

}  // namespace
}  // namespace rill::zkvm::shout
