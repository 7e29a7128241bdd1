#include "rill/zkvm/r1cs/constraints.hpp"

#include <initializer_list>

#include "rill/util/check.hpp"

namespace rill::zkvm {

namespace {

constexpr Affine affine(i64 constant, std::initializer_list<Term> terms) {
  Affine a;
  a.constant = constant;
  for (const Term& t : terms) a.terms[a.num_terms++] = t;
  return a;
}
constexpr Affine just(Input input) { return affine(0, {{input, 1}}); }
constexpr Affine constant(i64 c) { return affine(c, {}); }

using I = Input;
constexpr i64 kTwoToXlen = i64{1} << 32;

// Reference §4.2 in its order; IsCompressed (always 0 in RV32IM) is dropped from #13 and #16.
constexpr std::array<Constraint, kNumConstraints> kConstraints = {{
    {"RamAddrEqRs1PlusImmIfLoadStore", affine(0, {{I::kFlagLoad, 1}, {I::kFlagStore, 1}}),
     just(I::kRamAddress), affine(0, {{I::kRs1Value, 1}, {I::kImm, 1}})},
    {"RamAddrEqZeroIfNotLoadStore", affine(1, {{I::kFlagLoad, -1}, {I::kFlagStore, -1}}),
     just(I::kRamAddress), constant(0)},
    {"RamReadEqRamWriteIfLoad", just(I::kFlagLoad), just(I::kRamReadValue),
     just(I::kRamWriteValue)},
    {"RamReadEqRdWriteIfLoad", just(I::kFlagLoad), just(I::kRamReadValue), just(I::kRdWriteValue)},
    {"Rs2EqRamWriteIfStore", just(I::kFlagStore), just(I::kRs2Value), just(I::kRamWriteValue)},
    {"LeftLookupZeroUnlessAddSubMul",
     affine(
         0,
         {{I::kFlagAddOperands, 1}, {I::kFlagSubtractOperands, 1}, {I::kFlagMultiplyOperands, 1}}),
     just(I::kLeftLookupOperand), constant(0)},
    {"LeftLookupEqLeftInputOtherwise",
     affine(1, {{I::kFlagAddOperands, -1},
                {I::kFlagSubtractOperands, -1},
                {I::kFlagMultiplyOperands, -1}}),
     just(I::kLeftLookupOperand), just(I::kLeftInstructionInput)},
    {"RightLookupAdd", just(I::kFlagAddOperands), just(I::kRightLookupOperand),
     affine(0, {{I::kLeftInstructionInput, 1}, {I::kRightInstructionInput, 1}})},
    {"RightLookupSub", just(I::kFlagSubtractOperands), just(I::kRightLookupOperand),
     affine(kTwoToXlen, {{I::kLeftInstructionInput, 1}, {I::kRightInstructionInput, -1}})},
    {"RightLookupEqProductIfMul", just(I::kFlagMultiplyOperands), just(I::kRightLookupOperand),
     just(I::kProduct)},
    {"RightLookupEqRightInputOtherwise",
     affine(1, {{I::kFlagAddOperands, -1},
                {I::kFlagSubtractOperands, -1},
                {I::kFlagMultiplyOperands, -1},
                {I::kFlagAdvice, -1}}),
     just(I::kRightLookupOperand), just(I::kRightInstructionInput)},
    {"AssertLookupOne", just(I::kFlagAssert), just(I::kLookupOutput), constant(1)},
    {"RdWriteEqLookupIfWriteLookupToRd", just(I::kFlagWriteLookupOutputToRd),
     just(I::kRdWriteValue), just(I::kLookupOutput)},
    {"RdWriteEqPCPlusConstIfWritePCtoRD", just(I::kFlagJump), just(I::kRdWriteValue),
     affine(4, {{I::kUnexpandedPc, 1}})},
    {"NextUnexpPCEqLookupIfShouldJump", just(I::kShouldJump), just(I::kNextUnexpandedPc),
     just(I::kLookupOutput)},
    {"NextUnexpPCEqPCPlusImmIfShouldBranch", just(I::kShouldBranch), just(I::kNextUnexpandedPc),
     affine(0, {{I::kUnexpandedPc, 1}, {I::kImm, 1}})},
    {"NextUnexpPCUpdateOtherwise", affine(1, {{I::kShouldBranch, -1}, {I::kFlagJump, -1}}),
     just(I::kNextUnexpandedPc),
     affine(4, {{I::kUnexpandedPc, 1}, {I::kFlagDoNotUpdateUnexpandedPc, -4}})},
    {"NextPCEqPCPlusOneIfInline",
     affine(0, {{I::kFlagVirtualInstruction, 1}, {I::kFlagIsLastInSequence, -1}}), just(I::kNextPc),
     affine(1, {{I::kPc, 1}})},
    {"MustStartSequenceFromBeginning",
     affine(0, {{I::kNextIsVirtual, 1}, {I::kNextIsFirstInSequence, -1}}), constant(1),
     just(I::kFlagDoNotUpdateUnexpandedPc)},
}};

}  // namespace

const std::array<Constraint, kNumConstraints>& constraints() { return kConstraints; }

i128 evaluate(const Affine& a, const R1csInputs& z) {
  i128 v = a.constant;
  for (const Term& t : a.active()) v += static_cast<i128>(t.coeff) * z[t.input];
  return v;
}

Fr evaluate(const Affine& a, std::span<const Fr> z) {
  RILL_CHECK_EQ(z.size(), kNumInputs, "one value per R1CS input");
  Fr v = Fr::from_i64(a.constant);
  for (const Term& t : a.active()) v += Fr::from_i64(t.coeff) * z[index_of(t.input)];
  return v;
}

}  // namespace rill::zkvm
