// Stage 0 (commitments) and stage 8 (the one batched opening) on real traces. The stage-8 input
// claims are computed by dense evaluation of each committed polynomial rebuilt from the raw rows
// (committed_dense.hpp) at random r_a^7, r_c^6 — never by the code under test — and seeded into
// an accumulator; then commit, prove stage 8, verify. Also: byte-identical proofs across a
// materialized and a replayed trace, 1 and 2 threads and span lengths; exactly one trace pass
// for the opening; rejection of a wrong claim, of a commitment to a tampered polynomial, and of
// tampered bytes in either section (never a crash).
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <random>

#include "committed_dense.hpp"
#include "rill/poly/eq.hpp"
#include "rill/riscv/trace_source.hpp"
#include "rill/util/parallel.hpp"
#include "rill/zkvm/prover/stage0.hpp"
#include "rill/zkvm/prover/stage8.hpp"
#include "test_support.hpp"

namespace rill::zkvm {
namespace {

using testing::GuestRun;

ProtocolShape shape_of(const GuestRun& run) {
  return ProtocolShape::from_sizes(run.source.padded_len(), run.summary.k_ram,
                                   run.machine->bytecode().padded_size());
}

// Small setups, shared within the process (generation is ~3·2^K Miller loops).
const DorySetup& setup_for(const ProtocolShape& shape) {
  static std::map<unsigned, std::unique_ptr<DorySetup>> setups;
  const unsigned n = stage8_matrix_shape(shape).num_vars();
  auto& slot = setups[n];
  if (!slot) slot = std::make_unique<DorySetup>(DorySetup::generate(n));
  return *slot;
}

Fr dense_eval(std::span<const Fr> coefficients, std::span<const Fr> point) {
  const tracked_vector<Fr> eq = eq_table(point);
  Fr sum = Fr::zero();
  for (std::size_t x = 0; x < eq.size(); ++x) sum += eq[x] * coefficients[x];
  return sum;
}

// An accumulator holding exactly what stage 8 reads after an honest stage 7: every committed
// chunk at (r_a^7 ‖ r_c^6) and RdInc, RamInc at r_c^6 (their T coefficients alone), plus
// committed claims at other points that stage 8 must ignore. Claims are added in reverse table
// order, so the batch order is the table's, not the insertion order.
OpeningAccumulator seeded_accumulator(const GuestRun& run, const ProtocolShape& shape, u64 seed) {
  std::mt19937_64 rng(seed);
  const u64 t = run.source.padded_len();
  std::vector<Fr> r_a(shape.one_hot.log_k_chunk), r_c(shape.log_t), r_other(shape.log_t);
  for (Fr& x : r_a) x = Fr::random(rng);
  for (Fr& x : r_c) x = Fr::random(rng);
  for (Fr& x : r_other) x = Fr::random(rng);
  OpeningAccumulator acc;
  acc.points().set(PointName::kAddress7, r_a);
  acc.points().set(PointName::kCycle6, r_c);
  acc.points().set(PointName::kCycle4, r_other);
  std::vector<Fr> full = r_a;
  full.insert(full.end(), r_c.begin(), r_c.end());
  const std::vector<PolyId> polys = committed_polys(shape.one_hot);
  acc.add({poly(PolyFamily::kRamInc), at(PointName::kCycle4)}, Fr::random(rng));
  for (std::size_t i = polys.size(); i-- > 0;) {
    const std::vector<Fr> c = testing::dense_coefficients(run, shape.one_hot, polys[i]);
    const bool inc = i < 2;
    const Fr value = inc ? dense_eval(std::span(c).first(t), r_c) : dense_eval(c, full);
    acc.add({polys[i], inc ? at(PointName::kCycle6) : at(PointName::kAddress7, PointName::kCycle6)},
            value);
  }
  return acc;
}

// Replaces the value of one claim (a fresh accumulator with the same points and claims).
OpeningAccumulator with_claim(const OpeningAccumulator& acc, const ClaimKey& key, const Fr& v) {
  OpeningAccumulator out;
  for (const PointName name : {PointName::kAddress7, PointName::kCycle6, PointName::kCycle4})
    out.points().set(name, *acc.points().find(name));
  for (const Claim& c : acc.claims()) out.add(c.key, c.key == key ? v : c.value);
  return out;
}

struct ProofBytes {
  std::vector<u8> stage0, stage8;
  Fr after;  // the transcript's next challenge after stage 8
  u64 commit_passes = 0, opening_passes = 0;
  friend bool operator==(const ProofBytes&, const ProofBytes&) = default;
};

template <RecordSource S>
ProofBytes prove(const S& source, const ProtocolShape& shape, const OpeningAccumulator& acc,
                 std::size_t max_span = 1 << 12) {
  const DorySetup& setup = setup_for(shape);
  Transcript t("stage0-stage8-test");
  const u64 start = source.stats().passes;
  const WitnessCommitments commitments = commit_stage0(source, setup, shape.one_hot, t, max_span);
  ProofBytes out;
  out.commit_passes = source.stats().passes - start;
  out.stage0 = encode_commitments(commitment_values(commitments));
  const u64 before = source.stats().passes;
  const DoryProof proof = prove_stage8(source, setup, shape, commitments, acc, t, max_span);
  out.opening_passes = source.stats().passes - before;
  out.stage8 = encode_stage8_proof(proof);
  out.after = t.challenge_scalar();
  return out;
}

// The verifier side: read stage 0, decode and verify stage 8. `after` is set when it accepts.
StageVerification verify(const ProtocolShape& shape, const OpeningAccumulator& acc,
                         const ProofBytes& bytes, Fr* after = nullptr) {
  Transcript t("stage0-stage8-test");
  const DecodeResult<std::vector<GT>> commitments = read_stage0(bytes.stage0, shape.one_hot, t);
  if (!commitments) return {"stage 0: " + commitments.error};
  const DecodeResult<DoryProof> proof = decode_stage8_proof(bytes.stage8, shape);
  if (!proof) return {"stage 8: " + proof.error};
  const StageVerification v =
      verify_stage8(setup_for(shape).verifier(), shape, *commitments, acc, *proof, t);
  if (v.ok() && after != nullptr) *after = t.challenge_scalar();
  return v;
}

// A source whose record `target` has a different chunk index for one committed one-hot poly: a
// malicious prover's witness.
template <RecordSource S>
class TamperedSource {
 public:
  using Record = CycleRecord;
  TamperedSource(const S& inner, u64 target, PolyId id, u32 k_chunk)
      : inner_(inner), target_(target), id_(id), k_chunk_(k_chunk) {}
  u64 padded_len() const { return inner_.padded_len(); }
  u64 align() const { return inner_.align(); }
  SourceStats stats() const { return inner_.stats(); }
  void visit(u64 begin, u64 end, std::size_t max_span, ChunkVisitor<CycleRecord> f) const {
    std::vector<CycleRecord> copy;
    auto tamper = [&](std::span<const CycleRecord> rows, const CycleRecord& next, u64 first) {
      if (target_ < first || target_ >= first + rows.size()) return f(rows, next, first);
      copy.assign(rows.begin(), rows.end());
      CycleRecord& r = copy[target_ - first];
      switch (id_.family) {
        case PolyFamily::kInstructionRaChunk:
          r.instruction_chunks[id_.index] =
              static_cast<u8>((r.instruction_chunks[id_.index] + 1) % k_chunk_);
          break;
        case PolyFamily::kBytecodeRaChunk:
          r.bytecode_chunks[id_.index] =
              static_cast<u8>((r.bytecode_chunks[id_.index] + 1) % k_chunk_);
          break;
        default:
          r.ram_chunks[id_.index] = (r.ram_chunks[id_.index] + 1) % k_chunk_;
      }
      f(std::span<const CycleRecord>(copy), next, first);
    };
    inner_.visit(begin, end, max_span, ChunkVisitor<CycleRecord>(tamper));
  }

 private:
  const S& inner_;
  u64 target_;
  PolyId id_;
  u32 k_chunk_;
};

class Stage0Stage8 : public ::testing::TestWithParam<int> {
 protected:
  // 0: fibonacci; 1: a random-instruction program.
  static GuestRun run(int which) {
    return which == 0 ? testing::run_guest("fibonacci", 20) : testing::run_random_program(7, 150);
  }
};

TEST_P(Stage0Stage8, HonestProofVerifiesWithOneOpeningPass) {
  const GuestRun run = Stage0Stage8::run(GetParam());
  const ProtocolShape shape = shape_of(run);
  const CycleSource records(run.source, testing::record_context(run));
  const OpeningAccumulator acc = seeded_accumulator(run, shape, 1);
  const ProofBytes bytes = prove(records, shape, acc);
  EXPECT_EQ(bytes.commit_passes, 1u);
  EXPECT_EQ(bytes.opening_passes, 1u);
  EXPECT_EQ(bytes.stage0.size(), committed_polys(shape.one_hot).size() * kCommitmentBytes);
  EXPECT_EQ(bytes.stage8.size(), dory_proof_bytes(stage8_matrix_shape(shape).rounds()));
  Fr after;
  const StageVerification v = verify(shape, acc, bytes, &after);
  ASSERT_TRUE(v.ok()) << *v.failure;
  EXPECT_EQ(after, bytes.after) << "prover and verifier transcripts diverge";

  // The batch: every committed poly once, in table order; Inc values carry Π(1 − r_a^7).
  const Stage8Batch batch = stage8_batch(shape, acc);
  ASSERT_TRUE(batch.ok());
  ASSERT_EQ(batch.polys.size(), committed_polys(shape.one_hot).size());
  EXPECT_EQ(batch.polys[0], poly(PolyFamily::kRdInc));
  EXPECT_EQ(batch.polys[1], poly(PolyFamily::kRamInc));
  Fr factor = Fr::one();
  for (unsigned m = 0; m < shape.one_hot.log_k_chunk; ++m)
    factor *= Fr::one() - (*acc.points().find(PointName::kAddress7))[m];
  EXPECT_EQ(batch.values[0],
            factor * *acc.find({poly(PolyFamily::kRdInc), at(PointName::kCycle6)}).value);
}

TEST_P(Stage0Stage8, BytesIdenticalAcrossSourcesThreadsAndSpans) {
  const GuestRun run = Stage0Stage8::run(GetParam());
  const ProtocolShape shape = shape_of(run);
  const RecordContext ctx = testing::record_context(run);
  const CycleSource linear(run.source, ctx);
  riscv::ReplayOptions options;
  options.checkpoint_interval = 32;
  const riscv::ReplayTrace replay(*run.machine, run.input, options);
  ASSERT_EQ(replay.padded_len(), run.source.padded_len());
  const CycleSource streaming(replay, ctx);
  const OpeningAccumulator acc = seeded_accumulator(run, shape, 2);
  const ProofBytes reference = prove(linear, shape, acc);
  // Each source with 1 and 2 threads, over three span lengths (4 proofs: commitments are the
  // costly part at these sizes).
  struct Variant {
    bool replayed;
    unsigned threads;
    std::size_t span;
  };
  for (const Variant v : {Variant{false, 1, 5}, Variant{true, 2, 64}, Variant{true, 1, 1 << 12},
                          Variant{false, 2, 64}}) {
    set_thread_count(v.threads);
    const ProofBytes bytes =
        v.replayed ? prove(streaming, shape, acc, v.span) : prove(linear, shape, acc, v.span);
    EXPECT_TRUE(bytes == reference)
        << (v.replayed ? "replay" : "linear") << ", " << v.threads << " threads, span " << v.span;
  }
  set_thread_count(0);
}

TEST_P(Stage0Stage8, RejectsAWrongClaim) {
  const GuestRun run = Stage0Stage8::run(GetParam());
  const ProtocolShape shape = shape_of(run);
  const CycleSource records(run.source, testing::record_context(run));
  const OpeningAccumulator acc = seeded_accumulator(run, shape, 3);
  const ProofBytes bytes = prove(records, shape, acc);
  // The verifier's claim differs from the prover's, for every stage-8 claim in turn.
  for (const ClaimKey& key : stage_spec(StageId::k8, shape).inputs()) {
    const OpeningAccumulator wrong = with_claim(acc, key, *acc.find(key).value + Fr::one());
    EXPECT_FALSE(verify(shape, wrong, bytes).ok()) << claim_name(key);
  }
  // A prover that opens a false claim (RamInc, then the last chunk) is rejected.
  const std::vector<ClaimKey> inputs = stage_spec(StageId::k8, shape).inputs();
  for (const ClaimKey& key : {inputs[1], inputs.back()}) {
    const OpeningAccumulator wrong = with_claim(acc, key, *acc.find(key).value + Fr::one());
    const StageVerification v = verify(shape, wrong, prove(records, shape, wrong));
    EXPECT_FALSE(v.ok()) << claim_name(key);
  }
  // Claims stage 8 does not read do not matter.
  const OpeningAccumulator other =
      with_claim(acc, {poly(PolyFamily::kRamInc), at(PointName::kCycle4)}, Fr::one());
  EXPECT_TRUE(verify(shape, other, bytes).ok());
  // A missing stage-8 claim is a rejection, not a crash.
  OpeningAccumulator missing;
  missing.points().set(PointName::kAddress7, *acc.points().find(PointName::kAddress7));
  missing.points().set(PointName::kCycle6, *acc.points().find(PointName::kCycle6));
  const StageVerification v = verify(shape, missing, bytes);
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.failure->find("no claim"), std::string::npos) << *v.failure;
}

TEST_P(Stage0Stage8, RejectsACommitmentToATamperedPolynomial) {
  const GuestRun run = Stage0Stage8::run(GetParam());
  const ProtocolShape shape = shape_of(run);
  const CycleSource records(run.source, testing::record_context(run));
  const OpeningAccumulator acc = seeded_accumulator(run, shape, 4);
  const u32 k_chunk = u32{1} << shape.one_hot.log_k_chunk;
  const u64 target = run.source.num_rows() / 2;
  for (const PolyId id : {poly(PolyFamily::kInstructionRaChunk, 0),
                          poly(PolyFamily::kBytecodeRaChunk, shape.one_hot.bytecode_chunks - 1)}) {
    const TamperedSource tampered(records, target, id, k_chunk);
    const ProofBytes bytes = prove(tampered, shape, acc);
    EXPECT_NE(bytes.stage0, prove(records, shape, acc).stage0) << poly_name(id);
    const StageVerification v = verify(shape, acc, bytes);
    ASSERT_FALSE(v.ok()) << poly_name(id);
    EXPECT_NE(v.failure->find("Dory opening rejected"), std::string::npos) << *v.failure;
  }
}

TEST_P(Stage0Stage8, TamperedBytesAreRejectedWithoutACrash) {
  const GuestRun run = Stage0Stage8::run(GetParam());
  const ProtocolShape shape = shape_of(run);
  const CycleSource records(run.source, testing::record_context(run));
  const OpeningAccumulator acc = seeded_accumulator(run, shape, 5);
  const ProofBytes bytes = prove(records, shape, acc);
  std::mt19937_64 rng(GetParam());
  // Stage 8: the header bytes and a sample of the rest, each flipped in one bit.
  std::vector<std::size_t> positions = {0, 1, 2, 3, 4, bytes.stage8.size() - 1};
  for (int i = 0; i < 40; ++i) positions.push_back(rng() % bytes.stage8.size());
  for (const std::size_t pos : positions) {
    ProofBytes bad = bytes;
    bad.stage8[pos] ^= static_cast<u8>(1u << (rng() % 8));
    EXPECT_FALSE(verify(shape, acc, bad).ok()) << "stage 8 byte " << pos;
  }
  // Stage 0: a flipped bit in a sample of commitment bytes.
  for (int i = 0; i < 20; ++i) {
    ProofBytes bad = bytes;
    const std::size_t pos = rng() % bytes.stage0.size();
    bad.stage0[pos] ^= static_cast<u8>(1u << (rng() % 8));
    EXPECT_FALSE(verify(shape, acc, bad).ok()) << "stage 0 byte " << pos;
  }
  // Wrong lengths in either section: one byte short, one byte long. (pop_back/push_back rather
  // than resize(size + delta): GCC 12 cannot see that the size is positive and warns.)
  ASSERT_FALSE(bytes.stage8.empty());
  ASSERT_FALSE(bytes.stage0.empty());
  for (const bool longer : {false, true}) {
    const auto change_length = [&](std::vector<u8>& v) {
      if (longer) {
        v.push_back(0);
      } else {
        v.pop_back();
      }
    };
    ProofBytes bad = bytes;
    change_length(bad.stage8);
    EXPECT_FALSE(verify(shape, acc, bad).ok());
    bad = bytes;
    change_length(bad.stage0);
    EXPECT_FALSE(verify(shape, acc, bad).ok());
  }
  ProofBytes empty = bytes;
  empty.stage8.clear();
  EXPECT_FALSE(verify(shape, acc, empty).ok());
  {  // One commitment too few reaching the verifier: a rejection.
    Transcript t("stage0-stage8-test");
    std::vector<GT> commitments = *decode_commitments(bytes.stage0, shape.one_hot);
    commitments.pop_back();
    const StageVerification v = verify_stage8(setup_for(shape).verifier(), shape, commitments, acc,
                                              *decode_stage8_proof(bytes.stage8, shape), t);
    EXPECT_FALSE(v.ok());
  }
  // Two commitments swapped: valid group elements, wrong order.
  ProofBytes swapped = bytes;
  std::swap_ranges(swapped.stage0.begin(), swapped.stage0.begin() + kCommitmentBytes,
                   swapped.stage0.begin() + 2 * kCommitmentBytes);
  EXPECT_FALSE(verify(shape, acc, swapped).ok());
}

INSTANTIATE_TEST_SUITE_P(Runs, Stage0Stage8, ::testing::Values(0, 1),
                         [](const auto& info) { return info.param == 0 ? "fibonacci" : "random"; });

TEST(Stage0Codec, RoundTripsAndRejectsMalformedSections) {
  const GuestRun run = testing::run_guest("fibonacci", 10);
  const ProtocolShape shape = shape_of(run);
  const CycleSource records(run.source, testing::record_context(run));
  Transcript tp("codec");
  const WitnessCommitments c = commit_stage0(records, setup_for(shape), shape.one_hot, tp);
  const std::vector<u8> bytes = encode_commitments(commitment_values(c));
  Transcript tv("codec");
  const DecodeResult<std::vector<GT>> decoded = read_stage0(bytes, shape.one_hot, tv);
  ASSERT_TRUE(decoded) << decoded.error;
  EXPECT_TRUE(*decoded == commitment_values(c));
  EXPECT_EQ(tp.challenge_scalar(), tv.challenge_scalar());
  // Non-canonical and non-GT values: every byte 0xFF, and an all-zero element.
  for (const u8 fill : {u8{0xFF}, u8{0x00}}) {
    std::vector<u8> bad = bytes;
    std::fill(bad.begin() + kCommitmentBytes, bad.begin() + 2 * kCommitmentBytes, fill);
    Transcript t("codec");
    const DecodeResult<std::vector<GT>> r = read_stage0(bad, shape.one_hot, t);
    EXPECT_FALSE(r);
    EXPECT_NE(r.error.find("RamInc"), std::string::npos) << r.error;
  }
  // A section for another shape (one commitment fewer) is rejected by length.
  EXPECT_FALSE(
      decode_commitments(std::span(bytes).first(bytes.size() - kCommitmentBytes), shape.one_hot));
}

}  // namespace
}  // namespace rill::zkvm
