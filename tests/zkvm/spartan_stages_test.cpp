// The Spartan-side instances of stages 2 and 3 on real traces (canonical guests and random
// programs): product virtualization (2a), instruction claim reduction (2c), shift (3a),
// instruction-input virtualization (3b), registers claim reduction (3c). Input claims are dense
// reference evaluations of the per-cycle witness at random points; honest proofs verify, every
// output claim equals a dense reference evaluation from the raw rows, proofs are identical across
// schedules, threads and segment sizes, and a wrong input claim, a tampered round polynomial and
// a tampered output claim are rejected.
#include <gtest/gtest.h>

#include <functional>
#include <random>

#include "reference_evaluator.hpp"
#include "rill/riscv/instruction.hpp"
#include "rill/util/parallel.hpp"
#include "rill/zkvm/stages/instruction_claim_reduction.hpp"
#include "rill/zkvm/stages/instruction_input.hpp"
#include "rill/zkvm/stages/product_virtualization.hpp"
#include "rill/zkvm/stages/registers_claim_reduction.hpp"
#include "rill/zkvm/stages/spartan_shift.hpp"
#include "rill/zkvm/stages/twist_test_util.hpp"
#include "test_support.hpp"

namespace rill::zkvm {
namespace {

using testing::GuestRun;

// A per-cycle polynomial's value on row j (with row j + 1), straight from the rows: the R1CS
// inputs from the witness functions, the instruction flags from the instruction's kind.
Fr row_value(const riscv::Bytecode& bytecode, PolyId id, const riscv::Row& row,
             const riscv::Row& next) {
  switch (id.family) {
    case PolyFamily::kR1csInput:
      return Fr::from_i128(r1cs_inputs(bytecode, row, next).values[id.index]);
    case PolyFamily::kNextIsNoop:
      return next.kind == riscv::Kind::NoOp ? Fr::one() : Fr::zero();
    case PolyFamily::kInstructionFlag: {
      const riscv::OperandSources s = riscv::operand_sources(row.kind);
      bool v = false;
      switch (static_cast<InstructionFlag>(id.index)) {
        case InstructionFlag::kLeftOperandIsPc:
          v = s.left == riscv::LeftOperand::Pc;
          break;
        case InstructionFlag::kRightOperandIsImm:
          v = s.right == riscv::RightOperand::Imm;
          break;
        case InstructionFlag::kLeftOperandIsRs1Value:
          v = s.left == riscv::LeftOperand::Rs1;
          break;
        case InstructionFlag::kRightOperandIsRs2Value:
          v = s.right == riscv::RightOperand::Rs2;
          break;
        case InstructionFlag::kBranch:
          v = riscv::is_branch(row.kind);
          break;
        case InstructionFlag::kIsNoop:
          v = row.kind == riscv::Kind::NoOp;
          break;
      }
      return v ? Fr::one() : Fr::zero();
    }
    default:
      ADD_FAILURE() << "not a per-cycle polynomial of these instances";
      return Fr::zero();
  }
}

Fr reference(const GuestRun& run, PolyId id, std::span<const Fr> point) {
  const riscv::Bytecode& bc = run.machine->bytecode();
  return testing::reference_mle(run.source, point, [&](const riscv::Row& r, const riscv::Row& n) {
    return row_value(bc, id, r, n);
  });
}

struct Points {
  std::vector<Fr> r_c1, r_c2;
};

// One instance under test: its inputs (polynomial, and whether at r_c^2 rather than r_c^1), its
// output polynomials (factor order), its prover and its verifier.
struct InstanceCase {
  std::string name;
  std::vector<std::pair<PolyId, bool>> inputs;
  std::vector<PolyId> outputs;
  std::function<std::unique_ptr<CycleProductProver>(const Fr&, const Points&, const StageConfig&,
                                                    const std::vector<Fr>&)>
      prover;
  std::function<std::unique_ptr<SumcheckVerifierInstance>(
      const Fr&, const Points&, const std::vector<Fr>&, const std::vector<Fr>&)>
      verifier;
  unsigned degree;
};

template <std::size_t N>
std::array<Fr, N> arr(const std::vector<Fr>& v) {
  std::array<Fr, N> a;
  for (std::size_t i = 0; i < N; ++i) a[i] = v.at(i);
  return a;
}

std::vector<PolyId> polys_of(const std::vector<CycleFactor>& factors) {
  std::vector<PolyId> out;
  for (const CycleFactor& f : factors) out.push_back(f.poly);
  return out;
}

std::vector<InstanceCase> instance_cases() {
  using I = Input;
  std::vector<InstanceCase> cases;
  cases.push_back(
      {"product virtualization",
       {{poly(I::kProduct), false}, {poly(I::kShouldBranch), false}, {poly(I::kShouldJump), false}},
       polys_of(product_virtualization_factors()),
       [](const Fr& g, const Points& p, const StageConfig& c, const std::vector<Fr>& in) {
         return std::make_unique<ProductVirtualizationProver>(g, p.r_c1, c, arr<3>(in));
       },
       [](const Fr& g, const Points& p, const std::vector<Fr>& in, const std::vector<Fr>& out) {
         return std::make_unique<ProductVirtualizationVerifier>(g, p.r_c1, arr<3>(in), arr<6>(out));
       },
       kProductVirtualizationDegree});
  cases.push_back(
      {"instruction claim reduction",
       {{poly(I::kLookupOutput), false},
        {poly(I::kLeftLookupOperand), false},
        {poly(I::kRightLookupOperand), false},
        {poly(I::kLeftInstructionInput), false},
        {poly(I::kRightInstructionInput), false}},
       polys_of(instruction_claim_reduction_factors()),
       [](const Fr& g, const Points& p, const StageConfig& c, const std::vector<Fr>& in) {
         return std::make_unique<InstructionClaimReductionProver>(g, p.r_c1, c, arr<5>(in));
       },
       [](const Fr& g, const Points& p, const std::vector<Fr>& in, const std::vector<Fr>& out) {
         return std::make_unique<InstructionClaimReductionVerifier>(g, p.r_c1, arr<5>(in),
                                                                    arr<5>(out));
       },
       kInstructionClaimReductionDegree});
  cases.push_back(
      {"shift",
       {{poly(I::kNextUnexpandedPc), false},
        {poly(I::kNextPc), false},
        {poly(I::kNextIsVirtual), false},
        {poly(I::kNextIsFirstInSequence), false},
        {poly(PolyFamily::kNextIsNoop), true}},
       polys_of(shift_factors()),
       [](const Fr& g, const Points& p, const StageConfig& c, const std::vector<Fr>& in) {
         return std::make_unique<ShiftProver>(g, p.r_c1, p.r_c2, c, arr<5>(in));
       },
       [](const Fr& g, const Points& p, const std::vector<Fr>& in, const std::vector<Fr>& out) {
         return std::make_unique<ShiftVerifier>(g, p.r_c1, p.r_c2, arr<5>(in), arr<5>(out));
       },
       kShiftDegree});
  cases.push_back(
      {"instruction input virtualization",
       {{poly(I::kRightInstructionInput), true}, {poly(I::kLeftInstructionInput), true}},
       polys_of(instruction_input_factors()),
       [](const Fr& g, const Points& p, const StageConfig& c, const std::vector<Fr>& in) {
         return std::make_unique<InstructionInputProver>(g, p.r_c2, c, arr<2>(in));
       },
       [](const Fr& g, const Points& p, const std::vector<Fr>& in, const std::vector<Fr>& out) {
         return std::make_unique<InstructionInputVerifier>(g, p.r_c2, arr<2>(in), arr<8>(out));
       },
       kInstructionInputDegree});
  cases.push_back(
      {"registers claim reduction",
       {{poly(I::kRdWriteValue), false}, {poly(I::kRs1Value), false}, {poly(I::kRs2Value), false}},
       polys_of(registers_claim_reduction_factors()),
       [](const Fr& g, const Points& p, const StageConfig& c, const std::vector<Fr>& in) {
         return std::make_unique<RegistersClaimReductionProver>(g, p.r_c1, c, arr<3>(in));
       },
       [](const Fr& g, const Points& p, const std::vector<Fr>& in, const std::vector<Fr>& out) {
         return std::make_unique<RegistersClaimReductionVerifier>(g, p.r_c1, arr<3>(in),
                                                                  arr<3>(out));
       },
       kRegistersClaimReductionDegree});
  return cases;
}

std::vector<u8> proof_bytes(const BatchedSumcheckProof& proof) {
  std::vector<u8> out;
  for (const auto& p : proof.round_polys)
    for (const Fr& c : p.coeffs_except_linear()) {
      const auto b = c.to_bytes();
      out.insert(out.end(), b.begin(), b.end());
    }
  return out;
}

struct Proved {
  BatchedSumcheckProof proof;
  std::vector<Fr> challenges, outputs;
  unsigned passes = 0;
};

Proved prove_instance(const GuestRun& run, const InstanceCase& ic, const Fr& gamma,
                      const Points& points, const std::vector<Fr>& inputs,
                      const StageConfig& config) {
  const CycleSource records(run.source, testing::record_context(run));
  const std::unique_ptr<CycleProductProver> prover = ic.prover(gamma, points, config, inputs);
  const BatchItem items[] = {{prover.get(), 0}};
  testing::BatchRun run_out = testing::prove_batch(records, items, config.pass);
  return {run_out.out.proof, run_out.out.challenges, prover->claim_values(), run_out.passes};
}

bool verifies(const InstanceCase& ic, const Fr& gamma, const Points& points,
              const std::vector<Fr>& inputs, const std::vector<Fr>& outputs,
              const BatchedSumcheckProof& proof) {
  const std::unique_ptr<SumcheckVerifierInstance> v = ic.verifier(gamma, points, inputs, outputs);
  const VerifierItem items[] = {{v.get(), 0}};
  return testing::verify_batch(items, proof).ok();
}

struct Case {
  std::string name;
  GuestRun (*make)();
};

class SpartanInstancesOnTrace : public ::testing::TestWithParam<Case> {};

TEST_P(SpartanInstancesOnTrace, VerifyMatchTheReferenceAreIdenticalAndRejectTampering) {
  const GuestRun run = GetParam().make();
  const unsigned log_t = log2_exact(run.source.padded_len());
  std::mt19937_64 rng(17 + log_t);
  const Points points{testing::random_point(rng, log_t), testing::random_point(rng, log_t)};
  const Fr gamma = Fr::from_u64(rng());
  for (const InstanceCase& ic : instance_cases()) {
    SCOPED_TRACE(ic.name);
    std::vector<Fr> inputs;
    for (const auto& [id, at_c2] : ic.inputs)
      inputs.push_back(reference(run, id, at_c2 ? points.r_c2 : points.r_c1));
    const Proved honest = prove_instance(run, ic, gamma, points, inputs, StageConfig{});
    ASSERT_EQ(honest.proof.round_polys.size(), log_t);
    for (const auto& p : honest.proof.round_polys) ASSERT_EQ(p.degree(), ic.degree);
    // Linear: one materializing pass.
    EXPECT_EQ(honest.passes, 1u);
    ASSERT_TRUE(verifies(ic, gamma, points, inputs, honest.outputs, honest.proof));
    const std::vector<Fr> r = opening_point(honest.challenges);
    ASSERT_EQ(honest.outputs.size(), ic.outputs.size());
    for (std::size_t f = 0; f < ic.outputs.size(); ++f)
      EXPECT_EQ(honest.outputs[f], reference(run, ic.outputs[f], r)) << "output " << f;

    const std::vector<u8> bytes = proof_bytes(honest.proof);
    for (bool streaming : {false, true})
      for (unsigned threads : {1u, 2u})
        for (u64 segment : {u64{16}, u64{96}, u64{1024}}) {
          StageConfig config;
          config.streaming = streaming;
          config.max_window = segment == 1024 ? 2 : 10;
          config.pass.segment_records = segment;
          config.pass.max_span = segment == 96 ? 7 : 64;
          set_thread_count(threads);
          const Proved other = prove_instance(run, ic, gamma, points, inputs, config);
          set_thread_count(0);
          EXPECT_EQ(proof_bytes(other.proof), bytes)
              << streaming << " " << threads << " " << segment;
          EXPECT_EQ(other.outputs, honest.outputs);
        }

    // A wrong input claim: the honest proof of the true relation does not verify against it.
    std::vector<Fr> wrong_inputs = inputs;
    wrong_inputs[0] += Fr::one();
    EXPECT_FALSE(verifies(ic, gamma, points, wrong_inputs, honest.outputs, honest.proof));
    // A prover that starts from the wrong claim is caught too.
    const Proved dishonest = prove_instance(run, ic, gamma, points, wrong_inputs, StageConfig{});
    EXPECT_FALSE(verifies(ic, gamma, points, wrong_inputs, dishonest.outputs, dishonest.proof));
    // A tampered round polynomial, in the first and in the last round.
    for (unsigned round : {0u, log_t - 1}) {
      BatchedSumcheckProof tampered = honest.proof;
      tampered.round_polys[round].mutable_coeffs()[0] += Fr::one();
      EXPECT_FALSE(verifies(ic, gamma, points, inputs, honest.outputs, tampered)) << round;
    }
    // A tampered output claim, each in turn.
    for (std::size_t f = 0; f < honest.outputs.size(); ++f) {
      std::vector<Fr> wrong_outputs = honest.outputs;
      wrong_outputs[f] += Fr::one();
      EXPECT_FALSE(verifies(ic, gamma, points, inputs, wrong_outputs, honest.proof)) << f;
    }
  }
}

GuestRun fibonacci() { return testing::run_guest("fibonacci", 40); }
GuestRun muldiv() { return testing::run_guest("muldiv", 6); }
GuestRun sha2_chain() { return testing::run_guest("sha2_chain", 1); }
GuestRun random_a() { return testing::run_random_program(101, 400); }
GuestRun random_b() { return testing::run_random_program(202, 900); }

INSTANTIATE_TEST_SUITE_P(Traces, SpartanInstancesOnTrace,
                         ::testing::Values(Case{"fibonacci", fibonacci}, Case{"muldiv", muldiv},
                                           Case{"sha2_chain", sha2_chain},
                                           Case{"random_a", random_a}, Case{"random_b", random_b}),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace rill::zkvm
