// The whole instruction read-RAF instance (64 address rounds + log T cycle rounds) on synthetic
// records against brute force: random 64-bit lookup indices, random tables (or none) and RAF
// flags, so the input claim is Σ_j eq(r_c^2, j)·V_j(k_j) with V_j(k_j) = table_entry(t_j, k_j) +
// γ·(1−rf_j)·(x_j + γ·y_j) + γ²·rf_j·k_j (x_j, y_j the de-interleaved index bits): no prefix/suffix
// machinery. The proof verifies with flag and virtual-ra claims computed by brute force at the
// proof's own point (the prover's ra factors must equal them); proofs are byte-identical over
// phase layouts (a prover-only choice), schedules, threads and segmentations; wrong input, flag
// and ra claims and a tampered round are rejected. Both virtual chunk widths (8 and 16 bits).
#include <gtest/gtest.h>

#include <random>

#include "rill/util/parallel.hpp"
#include "rill/zkvm/stages/instruction_read_raf.hpp"
#include "rill/zkvm/stages/twist_test_util.hpp"

namespace rill::zkvm {
namespace {

using lookups::kNumTables;

struct Synthetic {
  std::vector<CycleRecord> records;
  std::vector<Fr> r_c2;
  Fr gamma, claim;
};

Synthetic make(u64 seed, unsigned log_t) {
  std::mt19937_64 rng(seed);
  Synthetic s;
  s.gamma = Fr::from_u64(rng());
  s.r_c2 = testing::random_point(rng, log_t);
  const tracked_vector<Fr> eq = eq_table(s.r_c2);
  s.claim = Fr::zero();
  for (u64 j = 0; j < (u64{1} << log_t); ++j) {
    CycleRecord r;
    // Some repeated indices, some sharing a high chunk.
    r.lookup_index = j % 5 == 4 ? s.records.back().lookup_index : rng();
    if (j % 7 == 3)
      r.lookup_index = (s.records.back().lookup_index & ~u64{0xFFFF}) | (rng() & 0xFFFF);
    const unsigned slot = static_cast<unsigned>(rng() % (kNumTables + 1));
    r.table = slot == kNumTables ? CycleRecord::kNoTable : static_cast<u8>(slot);
    r.interleaved = (rng() & 1) != 0;
    u64 x = 0, y = 0;
    for (unsigned i = 0; i < 32; ++i) {
      x |= ((r.lookup_index >> (63 - 2 * i)) & 1) << (31 - i);
      y |= ((r.lookup_index >> (62 - 2 * i)) & 1) << (31 - i);
    }
    Fr v = slot == kNumTables ? Fr::zero()
                              : Fr::from_u64(lookups::table_entry<32>(
                                    static_cast<lookups::TableKind>(slot), r.lookup_index));
    if (r.interleaved)
      v += s.gamma * (Fr::from_u64(x) + s.gamma * Fr::from_u64(y));
    else
      v += s.gamma * s.gamma * Fr::from_u64(r.lookup_index);
    s.claim += eq[j] * v;
    s.records.push_back(r);
  }
  return s;
}

Fr eq_bits(std::span<const Fr> rho, u64 x) {
  Fr e = Fr::one();
  for (std::size_t i = 0; i < rho.size(); ++i)
    e *= ((x >> (rho.size() - 1 - i)) & 1) ? rho[i] : Fr::one() - rho[i];
  return e;
}

struct Proved {
  BatchedProverOutput out;
  std::vector<Fr> ra;  // the prover's ra_v factors
};

Proved prove(const Synthetic& s, unsigned w, std::vector<unsigned> phases, bool streaming,
             u64 segment, const Fr& claim) {
  const unsigned log_t = static_cast<unsigned>(s.r_c2.size());
  InstructionReadRafProver prover(
      s.gamma, s.r_c2, w,
      streaming ? Schedule::half_split(log_t, 64 / w + 2) : Schedule::linear_only(log_t), claim,
      std::move(phases));
  const BatchItem items[] = {{&prover, 0}};
  PassOptions options;
  options.segment_records = segment;
  Proved run;
  run.out = testing::prove_batch(testing::record_source(s.records), items, options, "read-raf").out;
  const std::vector<Fr> f = prover.factor_evals();
  run.ra.assign(f.begin(), f.begin() + 64 / w);
  return run;
}

bool verifies(const InstructionReadRafVerifier& v, const BatchedSumcheckProof& proof) {
  const VerifierItem items[] = {{&v, 0}};
  return testing::verify_batch(items, proof, "read-raf").ok();
}

TEST(InstructionReadRaf, WholeInstanceAgainstBruteForce) {
  const unsigned log_t = 6;
  const Synthetic s = make(11, log_t);
  for (unsigned w : {8u, 16u}) {
    const std::vector<std::vector<unsigned>> layouts =
        w == 8 ? std::vector<std::vector<unsigned>>{shout::default_phase_lengths(64),
                                                    {3, 5, 8, 2, 6, 4, 4, 8, 1, 7, 8, 8}}
               : std::vector<std::vector<unsigned>>{shout::default_phase_lengths(64),
                                                    {5, 11, 16, 16, 7, 9}};
    const Proved first = prove(s, w, layouts[0], false, 0, s.claim);
    const std::span<const Fr> ch = first.out.challenges;
    ASSERT_EQ(ch.size(), 64u + log_t);
    const std::vector<Fr> r_a(ch.begin(), ch.begin() + 64);
    const std::vector<Fr> r_c5(ch.rbegin(), ch.rbegin() + log_t);
    const tracked_vector<Fr> eq5 = eq_table(r_c5);

    // Brute force at (r_a, r_c^5).
    std::vector<Fr> flags(kNumTables, Fr::zero());
    Fr raf = Fr::zero();
    std::vector<Fr> ra(64 / w, Fr::zero());
    for (std::size_t j = 0; j < s.records.size(); ++j) {
      const CycleRecord& r = s.records[j];
      if (r.table != CycleRecord::kNoTable) flags[r.table] += eq5[j];
      if (!r.interleaved) raf += eq5[j];
      for (unsigned v = 0; v < 64 / w; ++v)
        ra[v] += eq5[j] * eq_bits(std::span<const Fr>(r_a).subspan(v * w, w),
                                  (r.lookup_index >> (64 - (v + 1) * w)) & ((u64{1} << w) - 1));
    }
    EXPECT_EQ(first.ra, ra) << "w " << w;
    const std::array<Fr, 3> inputs = {s.claim, Fr::zero(), Fr::zero()};
    EXPECT_TRUE(verifies(InstructionReadRafVerifier(s.gamma, s.r_c2, inputs, flags, raf, ra),
                         first.out.proof))
        << "w " << w;

    // Rejections: wrong input claim, flag, RAF flag, ra claim; a tampered address round. The
    // prover of a false claim must reach the verifier, past its own self-check.
    const ScopedSelfCheckOff cheating_prover;
    std::array<Fr, 3> wrong_inputs = inputs;
    wrong_inputs[2] += Fr::one();
    EXPECT_FALSE(verifies(InstructionReadRafVerifier(s.gamma, s.r_c2, wrong_inputs, flags, raf, ra),
                          first.out.proof));
    EXPECT_FALSE(verifies(InstructionReadRafVerifier(s.gamma, s.r_c2, inputs, flags, raf, ra),
                          prove(s, w, layouts[0], false, 0, s.claim + Fr::one()).out.proof));
    std::vector<Fr> wrong_flags = flags;
    std::swap(wrong_flags[0], wrong_flags[5]);
    EXPECT_FALSE(verifies(InstructionReadRafVerifier(s.gamma, s.r_c2, inputs, wrong_flags, raf, ra),
                          first.out.proof));
    EXPECT_FALSE(
        verifies(InstructionReadRafVerifier(s.gamma, s.r_c2, inputs, flags, raf + Fr::one(), ra),
                 first.out.proof));
    std::vector<Fr> wrong_ra = ra;
    wrong_ra.back() += Fr::one();
    EXPECT_FALSE(verifies(InstructionReadRafVerifier(s.gamma, s.r_c2, inputs, flags, raf, wrong_ra),
                          first.out.proof));
    BatchedSumcheckProof tampered = first.out.proof;
    tampered.round_polys.at(10).mutable_coeffs().at(0) += Fr::one();
    EXPECT_FALSE(
        verifies(InstructionReadRafVerifier(s.gamma, s.r_c2, inputs, flags, raf, ra), tampered));

    // The same bytes whatever the phase layout, schedule, threads and segmentation.
    struct Config {
      std::size_t layout;
      bool streaming;
      unsigned threads;
      u64 segment;
    };
    for (const Config& c : {Config{0, true, 1, 0}, Config{0, false, 2, 24}, Config{0, true, 2, 8},
                            Config{1, false, 1, 0}, Config{1, true, 2, 24}}) {
      set_thread_count(c.threads);
      EXPECT_EQ(
          prove(s, w, layouts[c.layout], c.streaming, c.segment, s.claim).out.proof.round_polys,
          first.out.proof.round_polys)
          << "w " << w << " layout " << c.layout << " streaming " << c.streaming << " threads "
          << c.threads << " segment " << c.segment;
    }
    set_thread_count(0);
  }
}

}  // namespace
}  // namespace rill::zkvm
