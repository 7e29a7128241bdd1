#include "rill/zkvm/witness/r1cs_inputs.hpp"

namespace rill::zkvm {

std::string_view input_name(Input input) {
  static constexpr std::array<std::string_view, kNumInputs> kNames = {
      "LeftInstructionInput",
      "RightInstructionInput",
      "Product",
      "ShouldBranch",
      "PC",
      "UnexpandedPC",
      "Imm",
      "RamAddress",
      "Rs1Value",
      "Rs2Value",
      "RdWriteValue",
      "RamReadValue",
      "RamWriteValue",
      "LeftLookupOperand",
      "RightLookupOperand",
      "NextUnexpandedPC",
      "NextPC",
      "NextIsVirtual",
      "NextIsFirstInSequence",
      "LookupOutput",
      "ShouldJump",
      "OpFlags(AddOperands)",
      "OpFlags(SubtractOperands)",
      "OpFlags(MultiplyOperands)",
      "OpFlags(Load)",
      "OpFlags(Store)",
      "OpFlags(Jump)",
      "OpFlags(WriteLookupOutputToRD)",
      "OpFlags(VirtualInstruction)",
      "OpFlags(Assert)",
      "OpFlags(DoNotUpdateUnexpandedPC)",
      "OpFlags(Advice)",
      "OpFlags(IsFirstInSequence)",
      "OpFlags(IsLastInSequence)",
  };
  return kNames[index_of(input)];
}

}  // namespace rill::zkvm
