// The one-hot stage instances on real traces (canonical guests, a random program): booleanity
// (6a address phase, 6b cycle phase), instruction RA virtualization (6b), bytecode read-RAF (6a,
// 6b) and the Hamming-weight claim reduction (7). Each instance is proven alone through the batch
// API; honest proofs verify, output claims equal dense references computed here from the
// records' raw fields (lookup index, bytecode row, RAM word, R1CS inputs) with
// shout/one_hot_checks.hpp, and linear/streaming schedules × 1/2 threads × three segmentations
// give identical bytes. Tampered round polynomials, output claims and witnesses are rejected.
#include <gtest/gtest.h>

#include <functional>
#include <random>

#include "bytecode_group_columns.hpp"
#include "rill/util/parallel.hpp"
#include "rill/zkvm/shout/one_hot_checks.hpp"
#include "rill/zkvm/stages/booleanity.hpp"
#include "rill/zkvm/stages/bytecode_read_raf.hpp"
#include "rill/zkvm/stages/hamming_weight_reduction.hpp"
#include "rill/zkvm/stages/instruction_ra_virtualization.hpp"
#include "rill/zkvm/stages/stage_table.hpp"
#include "rill/zkvm/stages/twist_test_util.hpp"
#include "test_support.hpp"

namespace rill::zkvm {
namespace {

using testing::dense_eval;
using testing::GuestRun;
using Indices = std::vector<std::optional<u32>>;

std::vector<Fr> random_point(u64 seed, unsigned n) {
  std::mt19937_64 rng(seed);
  return testing::random_point(rng, n);
}

Fr eq_at(std::span<const Fr> r, u64 x) {
  Fr e = Fr::one();
  for (std::size_t b = 0; b < r.size(); ++b)
    e *= ((x >> (r.size() - 1 - b)) & 1u) ? r[b] : Fr::one() - r[b];
  return e;
}

struct Trace {
  explicit Trace(GuestRun r) : run(std::move(r)) {}
  GuestRun run;
  std::vector<CycleRecord> records;
  OneHotParams one_hot;
  ProtocolShape shape;
  unsigned log_t = 0;
};

GuestRun make_run(const std::string& name) {
  if (name == "random") return testing::run_random_program(505, 500);
  return testing::run_guest(name, name == "fibonacci" ? 30 : 3);
}

Trace load(const std::string& name) {
  Trace t(make_run(name));
  const RecordContext ctx = testing::record_context(t.run);
  t.one_hot = ctx.one_hot;
  t.shape = ProtocolShape::from_sizes(t.run.source.padded_len(), t.run.summary.k_ram,
                                      t.run.machine->bytecode().padded_size());
  t.log_t = t.shape.log_t;
  const CycleSource records(t.run.source, ctx);
  auto collect = [&](std::span<const CycleRecord> rows, const CycleRecord&, u64) {
    t.records.insert(t.records.end(), rows.begin(), rows.end());
  };
  records.visit(0, records.padded_len(), 1 << 12, ChunkVisitor<CycleRecord>(collect));
  return t;
}

// The hot index of committed chunk `id` per cycle, from the records' raw fields (not from their
// chunk arrays): chunk i of a d-chunk value is bits [log_k·(d−1−i), log_k·(d−i)).
Indices chunk_indices(const Trace& t, PolyId id) {
  const unsigned lk = t.one_hot.log_k_chunk;
  const auto chunk = [&](u64 x, unsigned i, unsigned d) {
    return static_cast<u32>((x >> (lk * (d - 1 - i))) & ((u64{1} << lk) - 1));
  };
  Indices out;
  for (const CycleRecord& r : t.records) {
    switch (id.family) {
      case PolyFamily::kInstructionRaChunk:
        out.push_back(chunk(r.lookup_index, id.index, t.one_hot.instruction_chunks));
        break;
      case PolyFamily::kBytecodeRaChunk:
        out.push_back(chunk(r.row.bytecode_index, id.index, t.one_hot.bytecode_chunks));
        break;
      default:
        if (r.ram_word == kNoAccess)
          out.push_back(std::nullopt);
        else
          out.push_back(chunk(r.ram_word, id.index, t.one_hot.ram_chunks));
    }
  }
  return out;
}

std::vector<Indices> all_chunk_indices(const Trace& t) {
  std::vector<Indices> out;
  for (const PolyId id : committed_one_hot_chunks(t.one_hot)) out.push_back(chunk_indices(t, id));
  return out;
}

// One honest proof of an instance alone, and whether it verifies.
struct Proved {
  BatchedProverOutput out;
  std::unique_ptr<StageProver> prover;
  std::vector<Fr> point;  // challenges reversed
};

using MakeProver = std::function<std::unique_ptr<StageProver>(bool streaming)>;

// Proves under every schedule × thread count × segmentation; all proofs must be byte-identical.
Proved prove_everywhere(const Trace& t, const MakeProver& make) {
  const CycleSource records(t.run.source, testing::record_context(t.run));
  Proved first;
  const std::size_t threads_before = thread_count();
  const std::pair<u64, std::size_t> segmentations[] = {{0, 1 << 12}, {64, 16}, {96, 5}};
  for (bool streaming : {false, true})
    for (std::size_t threads : {1u, 2u})
      for (const auto& [segment, span] : segmentations) {
        set_thread_count(threads);
        std::unique_ptr<StageProver> prover = make(streaming);
        const BatchItem items[] = {{prover.get(), 0}};
        PassOptions options;
        options.segment_records = segment;
        options.max_span = span;
        testing::BatchRun run = testing::prove_batch(records, items, options, "one-hot test");
        if (!first.prover) {
          first.out = std::move(run.out);
          first.prover = std::move(prover);
          first.point.assign(first.out.challenges.rbegin(), first.out.challenges.rend());
        } else {
          EXPECT_EQ(run.out.proof.round_polys, first.out.proof.round_polys)
              << streaming << " " << threads << " " << segment;
        }
      }
  set_thread_count(threads_before);
  return first;
}

bool verifies(const SumcheckVerifierInstance& v, const BatchedSumcheckProof& proof) {
  const VerifierItem items[] = {{&v, 0}};
  return testing::verify_batch(items, proof, "one-hot test").ok();
}

BatchedSumcheckProof tamper_round(BatchedSumcheckProof proof, std::size_t round) {
  proof.round_polys.at(round).mutable_coeffs().at(0) += Fr::one();
  return proof;
}

Schedule schedule_for(unsigned log_t, bool streaming, unsigned degree) {
  return streaming ? Schedule::half_split(log_t, degree) : Schedule::linear_only(log_t);
}

class OneHotStagesOnTrace : public ::testing::TestWithParam<std::string> {};

TEST_P(OneHotStagesOnTrace, BooleanityBothPhasesVerifyAndMatchTheReference) {
  const Trace t = load(GetParam());
  const unsigned lk = t.one_hot.log_k_chunk;
  const std::vector<Fr> r_a_b = random_point(1, lk), r_c_b = random_point(2, t.log_t);
  const Fr gamma = Fr::from_u64(0xb00l);
  const std::vector<Indices> idx = all_chunk_indices(t);

  // 6a.
  const Proved a = prove_everywhere(t, [&](bool) {
    return std::make_unique<BooleanityAddressProver>(r_a_b, r_c_b, gamma, t.one_hot);
  });
  const auto& address = dynamic_cast<const BooleanityAddressProver&>(*a.prover);
  const std::vector<Fr>& rho = a.point;
  // Reference: eq(r_a^b, ρ)·Σ_j eq(r_c^b, j)·Σ_i γ^{2i}(ra_i(ρ, j)² − ra_i(ρ, j)).
  {
    const tracked_vector<Fr> eq_c = eq_table(r_c_b);
    Fr sum = Fr::zero(), power = Fr::one();
    for (const Indices& ix : idx) {
      for (std::size_t j = 0; j < ix.size(); ++j) {
        const Fr v = ix[j] ? eq_at(rho, *ix[j]) : Fr::zero();
        sum += power * eq_c[j] * (v * v - v);
      }
      power *= gamma * gamma;
    }
    EXPECT_EQ(address.address_claim(), eq_eval(r_a_b, rho) * sum);
  }
  EXPECT_TRUE(verifies(BooleanityAddressVerifier(lk, address.address_claim()), a.out.proof));
  EXPECT_FALSE(
      verifies(BooleanityAddressVerifier(lk, address.address_claim() + Fr::one()), a.out.proof));
  EXPECT_FALSE(verifies(BooleanityAddressVerifier(lk, address.address_claim()),
                        tamper_round(a.out.proof, 1)));

  // 6b, from the 6a claim.
  const unsigned chunks = static_cast<unsigned>(idx.size());
  const unsigned grid = StreamingProductSumcheck<OneHotEqKernel>::grid_degree(
      BooleanityCycleProver::shape(r_a_b, rho, gamma, chunks), Weight::eq(r_c_b));
  const Proved b = prove_everywhere(t, [&](bool s) {
    return std::make_unique<BooleanityCycleProver>(r_a_b, r_c_b, rho, gamma, t.one_hot,
                                                   schedule_for(t.log_t, s, grid),
                                                   address.address_claim());
  });
  const std::vector<Fr> v = dynamic_cast<const BooleanityCycleProver&>(*b.prover).factor_evals();
  ASSERT_EQ(v.size(), idx.size());
  for (std::size_t i = 0; i < idx.size(); ++i)
    EXPECT_EQ(v[i], shout::one_hot_ra_mle(lk, idx[i], rho, b.point)) << i;
  const auto verifier = [&](std::vector<Fr> claims) {
    return BooleanityCycleVerifier(r_a_b, r_c_b, rho, gamma, address.address_claim(),
                                   std::move(claims));
  };
  EXPECT_TRUE(verifies(verifier(v), b.out.proof));
  EXPECT_FALSE(verifies(verifier(v), tamper_round(b.out.proof, t.log_t - 1)));
  std::vector<Fr> wrong = v;
  wrong.back() += Fr::one();
  EXPECT_FALSE(verifies(verifier(wrong), b.out.proof));
  // The claims of a chunk with a non-boolean entry (chunk 0 gets value 2 at its hot entry of
  // cycle 1: its MLE at the final point gains eq(ρ, k)·eq(r_c^6, 1)) fail the final check.
  std::vector<Fr> non_boolean = v;
  non_boolean[0] += eq_at(rho, *idx[0][1]) * eq_at(b.point, 1);
  EXPECT_FALSE(verifies(verifier(non_boolean), b.out.proof));
}

TEST_P(OneHotStagesOnTrace, InstructionRaVirtualizationVerifiesAndMatchesTheReference) {
  const Trace t = load(GetParam());
  const unsigned lk = t.one_hot.log_k_chunk, w = t.shape.ra_virtual_log_k_chunk;
  const unsigned m = t.shape.chunks_per_virtual(), nv = t.shape.instruction_virtual_chunks;
  const std::vector<Fr> r_a5 = random_point(3, kLogKInstruction), r_c5 = random_point(4, t.log_t);
  const Fr gamma = Fr::from_u64(0x7a);
  // Input: Σ_v γ^v·Σ_j eq(r_c^5, j)·eq(chunk_v(r_a^5, w), virtual chunk v of the lookup index).
  const tracked_vector<Fr> eq_c = eq_table(r_c5);
  std::vector<Fr> virtual_claims;
  for (unsigned vi = 0; vi < nv; ++vi) {
    const std::vector<Fr> rv = point_chunk(r_a5, w, vi);
    Fr s = Fr::zero();
    for (std::size_t j = 0; j < t.records.size(); ++j)
      s += eq_c[j] *
           eq_at(rv, (t.records[j].lookup_index >> (w * (nv - 1 - vi))) & ((u64{1} << w) - 1));
    virtual_claims.push_back(s);
  }
  const Fr claim = instruction_ra_virtualization_claim(virtual_claims, gamma);
  const ProductShape shape =
      InstructionRaVirtualizationProver::shape(t.one_hot.instruction_chunks, m, gamma);
  const unsigned grid =
      StreamingProductSumcheck<OneHotEqKernel>::grid_degree(shape, Weight::eq(r_c5));
  const Proved p = prove_everywhere(t, [&](bool s) {
    return std::make_unique<InstructionRaVirtualizationProver>(
        r_a5, r_c5, gamma, t.one_hot, m, schedule_for(t.log_t, s, grid), claim);
  });
  const std::vector<Fr> v =
      dynamic_cast<const InstructionRaVirtualizationProver&>(*p.prover).factor_evals();
  for (unsigned i = 0; i < t.one_hot.instruction_chunks; ++i)
    EXPECT_EQ(v[i],
              shout::one_hot_ra_mle(lk, chunk_indices(t, poly(PolyFamily::kInstructionRaChunk, i)),
                                    point_chunk(r_a5, lk, i), p.point))
        << i;
  EXPECT_TRUE(verifies(InstructionRaVirtualizationVerifier(r_c5, gamma, m, claim, v), p.out.proof));
  EXPECT_FALSE(verifies(InstructionRaVirtualizationVerifier(r_c5, gamma, m, claim + Fr::one(), v),
                        p.out.proof));
  EXPECT_FALSE(verifies(InstructionRaVirtualizationVerifier(r_c5, gamma, m, claim, v),
                        tamper_round(p.out.proof, 0)));
  std::vector<Fr> wrong = v;
  wrong[3] += Fr::one();
  EXPECT_FALSE(
      verifies(InstructionRaVirtualizationVerifier(r_c5, gamma, m, claim, wrong), p.out.proof));
}

TEST_P(OneHotStagesOnTrace, HammingWeightReductionVerifiesAndMatchesTheReference) {
  const Trace t = load(GetParam());
  const unsigned lk = t.one_hot.log_k_chunk;
  const std::vector<Indices> idx = all_chunk_indices(t);
  const std::vector<Fr> r_c6 = random_point(5, t.log_t), r_bool = random_point(6, lk);
  std::vector<std::vector<Fr>> r_virt;
  for (std::size_t i = 0; i < idx.size(); ++i) r_virt.push_back(random_point(100 + i, lk));
  const Fr gamma = Fr::from_u64(0x4a3);
  std::vector<Fr> bool_claims, virt_claims;
  for (std::size_t i = 0; i < idx.size(); ++i) {
    bool_claims.push_back(shout::one_hot_ra_mle(lk, idx[i], r_bool, r_c6));
    virt_claims.push_back(shout::one_hot_ra_mle(lk, idx[i], r_virt[i], r_c6));
  }
  std::vector<Fr> access;
  for (const CycleRecord& r : t.records)
    access.push_back(r.ram_word == kNoAccess ? Fr::zero() : Fr::one());
  const Fr h = dense_eval(r_c6, access);
  const std::vector<Fr> activation = hamming_weight_activation(t.one_hot, h);
  const Fr claim = shout::hamming_reduction_input(activation, bool_claims, virt_claims, gamma);
  EXPECT_EQ(claim, hamming_weight_input_claim(activation, bool_claims, virt_claims, gamma));
  const Proved p = prove_everywhere(t, [&](bool) {
    return std::make_unique<HammingWeightReductionProver>(r_c6, gamma, t.one_hot, r_bool, r_virt,
                                                          claim);
  });
  const std::vector<Fr> v =
      dynamic_cast<const HammingWeightReductionProver&>(*p.prover).chunk_claims();
  for (std::size_t i = 0; i < idx.size(); ++i)
    EXPECT_EQ(v[i], shout::one_hot_ra_mle(lk, idx[i], p.point, r_c6)) << i;
  EXPECT_TRUE(
      verifies(HammingWeightReductionVerifier(gamma, r_bool, r_virt, claim, v), p.out.proof));
  EXPECT_FALSE(verifies(HammingWeightReductionVerifier(gamma, r_bool, r_virt, claim, v),
                        tamper_round(p.out.proof, 0)));
  std::vector<Fr> wrong = v;
  wrong[0] += Fr::one();
  EXPECT_FALSE(
      verifies(HammingWeightReductionVerifier(gamma, r_bool, r_virt, claim, wrong), p.out.proof));
  // A RAM activation that is not the Hamming weight (a cycle claimed to access RAM) is rejected.
  access[1] = Fr::one() - access[1];
  const Fr wrong_claim =
      hamming_weight_input_claim(hamming_weight_activation(t.one_hot, dense_eval(r_c6, access)),
                                 bool_claims, virt_claims, gamma);
  EXPECT_FALSE(
      verifies(HammingWeightReductionVerifier(gamma, r_bool, r_virt, wrong_claim, v), p.out.proof));
}

// The bytecode read-RAF's claims, from the trace: group 1 and the PC RAF from the R1CS inputs
// (the witness side), groups 2–5 from the bytecode row each cycle executes.
struct BytecodeClaims {
  std::array<std::vector<Fr>, 5> groups;
  Fr pc1, pc3;
};

BytecodeClaims bytecode_claims(const Trace& t, const shout::BytecodeValues& bc,
                               const BytecodeReadRafParams& params,
                               const std::function<void(std::size_t, R1csInputs&)>& tamper) {
  const std::size_t n = t.records.size();
  std::vector<std::array<std::vector<Fr>, 5>> per_cycle;
  std::vector<Fr> pc;
  for (std::size_t j = 0; j < n; ++j) {
    R1csInputs z = t.records[j].z;
    tamper(j, z);
    auto g =
        testing::bytecode_group_columns(bc, t.records[j].row.bytecode_index, params.r_register);
    g[0] = {Fr::from_i128(z[Input::kUnexpandedPc]), Fr::from_i128(z[Input::kImm])};
    for (std::size_t i = index_of(Input::kFlagAddOperands); i < kNumInputs; ++i)
      g[0].push_back(Fr::from_i128(z.values[i]));
    per_cycle.push_back(std::move(g));
    pc.push_back(Fr::from_i128(z[Input::kPc]));
  }
  BytecodeClaims c;
  for (unsigned s = 0; s < 5; ++s)
    for (std::size_t f = 0; f < per_cycle[0][s].size(); ++f) {
      std::vector<Fr> column;
      for (std::size_t j = 0; j < n; ++j) column.push_back(per_cycle[j][s][f]);
      c.groups[s].push_back(dense_eval(params.r_cycle[s], column));
    }
  c.pc1 = dense_eval(params.r_cycle[0], pc);
  c.pc3 = dense_eval(params.r_cycle[2], pc);
  return c;
}

TEST_P(OneHotStagesOnTrace, BytecodeReadRafBothPhasesVerifyAndRejectAWrongRow) {
  const Trace t = load(GetParam());
  const auto bc = make_bytecode_values(t.run.machine->bytecode());
  BytecodeReadRafParams params;
  for (unsigned s = 0; s < 5; ++s) params.r_cycle[s] = random_point(20 + s, t.log_t);
  params.r_register = random_point(30, kLogKRegisters);
  params.gamma = Fr::from_u64(0xbc);
  for (unsigned s = 0; s < 5; ++s) params.beta[s] = Fr::from_u64(0xbe7a + s);
  const auto claim_of = [&](const BytecodeClaims& c) {
    return bytecode_read_raf_input_claim(params, c.groups, c.pc1, c.pc3);
  };
  const Fr claim = claim_of(bytecode_claims(t, *bc, params, [](std::size_t, R1csInputs&) {}));
  const unsigned log_k_bc = t.shape.log_k_bytecode;

  // 6a.
  const Proved a = prove_everywhere(
      t, [&](bool) { return std::make_unique<BytecodeAddressProver>(*bc, params, claim); });
  const auto& address = dynamic_cast<const BytecodeAddressProver&>(*a.prover);
  const std::vector<Fr>& rho = a.point;
  EXPECT_TRUE(
      verifies(BytecodeAddressVerifier(log_k_bc, claim, address.address_claim()), a.out.proof));
  EXPECT_FALSE(verifies(BytecodeAddressVerifier(log_k_bc, claim, address.address_claim()),
                        tamper_round(a.out.proof, 0)));
  EXPECT_FALSE(verifies(
      BytecodeAddressVerifier(log_k_bc, claim, address.address_claim() + Fr::one()), a.out.proof));
  // The verifier's V_s(ρ) (bytecode MLEs) equal the prover's bound tables.
  const auto values = bytecode_point_values(*bc, params, rho);
  EXPECT_EQ(values, address.point_values());

  // A cycle whose immediate differs from its bytecode row, or whose PC lies outside the program.
  const u64 k_bc = bytecode_rows(*bc);
  for (const auto& tamper : std::vector<std::function<void(std::size_t, R1csInputs&)>>{
           [](std::size_t j, R1csInputs&z) {
             if (j == 2) z[Input::kImm] += 1;
           },
           [&](std::size_t j, R1csInputs&z) {
             if (j == 3) z[Input::kPc] = static_cast<i128>(k_bc + 5);
           },
           [](std::size_t j, R1csInputs&z) {
             if (j == 1) z[Input::kFlagLoad] = 1 - z[Input::kFlagLoad];
           }}) {
    const Fr wrong = claim_of(bytecode_claims(t, *bc, params, tamper));
    ASSERT_NE(wrong, claim);
    BytecodeAddressProver prover(*bc, params, wrong);
    const BatchItem items[] = {{&prover, 0}};
    const CycleSource records(t.run.source, testing::record_context(t.run));
    const testing::BatchRun run = testing::prove_batch(records, items, {}, "one-hot test");
    EXPECT_FALSE(
        verifies(BytecodeAddressVerifier(log_k_bc, wrong, prover.address_claim()), run.out.proof));
  }

  // 6b.
  const Weight weight = BytecodeCycleProver::weight(params, values);
  const unsigned grid = StreamingProductSumcheck<OneHotEqKernel>::grid_degree(
      ProductShape::product(t.one_hot.bytecode_chunks), weight);
  const Proved b = prove_everywhere(t, [&](bool s) {
    return std::make_unique<BytecodeCycleProver>(
        rho, params, values, t.one_hot, schedule_for(t.log_t, s, grid), address.address_claim());
  });
  const std::vector<Fr> v = dynamic_cast<const BytecodeCycleProver&>(*b.prover).factor_evals();
  for (unsigned i = 0; i < t.one_hot.bytecode_chunks; ++i)
    EXPECT_EQ(v[i], shout::one_hot_ra_mle(t.one_hot.log_k_chunk,
                                          chunk_indices(t, poly(PolyFamily::kBytecodeRaChunk, i)),
                                          point_chunk(rho, t.one_hot.log_k_chunk, i), b.point))
        << i;
  EXPECT_TRUE(
      verifies(BytecodeCycleVerifier(params, values, address.address_claim(), v), b.out.proof));
  EXPECT_FALSE(verifies(BytecodeCycleVerifier(params, values, address.address_claim(), v),
                        tamper_round(b.out.proof, 0)));
  std::vector<Fr> wrong = v;
  wrong[0] += Fr::one();
  EXPECT_FALSE(
      verifies(BytecodeCycleVerifier(params, values, address.address_claim(), wrong), b.out.proof));
}

INSTANTIATE_TEST_SUITE_P(Guests, OneHotStagesOnTrace,
                         ::testing::Values("fibonacci", "muldiv", "random"));

}  // namespace
}  // namespace rill::zkvm
