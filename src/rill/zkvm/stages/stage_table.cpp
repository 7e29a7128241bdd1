#include "rill/zkvm/stages/stage_table.hpp"

#include <algorithm>
#include <set>

#include "rill/util/bits.hpp"
#include "rill/util/check.hpp"

namespace rill::zkvm {

namespace {

using PF = PolyFamily;
using PN = PointName;

ClaimKey key(PolyId p, ClaimPoint point) { return {p, point}; }
ClaimKey key(Input i, PointName p) { return {poly(i), at(p)}; }
ClaimKey key(InstructionFlag f, PointName p) { return {poly(f), at(p)}; }
ClaimKey key(PF f, PointName p) { return {poly(f), at(p)}; }
ClaimKey key(PF f, PointName a, PointName c) { return {poly(f), at(a, c)}; }

// The stage-1 claims the bytecode read-RAF's Val_1 reads (reference §8): UnexpandedPC, Imm and
// every circuit flag at r_c^1.
std::vector<ClaimKey> bytecode_inputs(const ProtocolShape& s) {
  std::vector<ClaimKey> in = {key(Input::kUnexpandedPc, PN::kCycle1),
                              key(Input::kImm, PN::kCycle1)};
  for (std::size_t i = index_of(Input::kFlagAddOperands); i < kNumInputs; ++i)
    in.push_back(key(static_cast<Input>(i), PN::kCycle1));
  // Val_2 at r_c^2.
  in.push_back(key(Input::kFlagJump, PN::kCycle2));
  in.push_back(key(InstructionFlag::kBranch, PN::kCycle2));
  in.push_back(key(Input::kFlagWriteLookupOutputToRd, PN::kCycle2));
  in.push_back(key(Input::kFlagVirtualInstruction, PN::kCycle2));
  // Val_3 at r_c^3.
  in.push_back(key(Input::kImm, PN::kCycle3));
  in.push_back(key(Input::kUnexpandedPc, PN::kCycle3));
  in.push_back(key(InstructionFlag::kLeftOperandIsRs1Value, PN::kCycle3));
  in.push_back(key(InstructionFlag::kLeftOperandIsPc, PN::kCycle3));
  in.push_back(key(InstructionFlag::kRightOperandIsRs2Value, PN::kCycle3));
  in.push_back(key(InstructionFlag::kRightOperandIsImm, PN::kCycle3));
  in.push_back(key(InstructionFlag::kIsNoop, PN::kCycle3));
  in.push_back(key(Input::kFlagVirtualInstruction, PN::kCycle3));
  in.push_back(key(Input::kFlagIsFirstInSequence, PN::kCycle3));
  // Val_4 at (r_a^4 ‖ r_c^4).
  in.push_back(key(PF::kRdWa, PN::kRegisterAddress4, PN::kCycle4));
  in.push_back(key(PF::kRs1Ra, PN::kRegisterAddress4, PN::kCycle4));
  in.push_back(key(PF::kRs2Ra, PN::kRegisterAddress4, PN::kCycle4));
  // Val_5 at r_c^5.
  in.push_back(key(PF::kRdWa, PN::kRegisterAddress4, PN::kCycle5));
  in.push_back(key(PF::kInstructionRafFlag, PN::kCycle5));
  for (unsigned t = 0; t < kNumLookupTables; ++t)
    in.push_back(key(poly(PF::kLookupTableFlag, t), at(PN::kCycle5)));
  // RAF: PC at r_c^1 and r_c^3.
  in.push_back(key(Input::kPc, PN::kCycle1));
  in.push_back(key(Input::kPc, PN::kCycle3));
  (void)s;
  return in;
}

// Committed one-hot chunks in the protocol's order: instruction, bytecode, RAM.
std::vector<PolyId> committed_chunks(const ProtocolShape& s) {
  std::vector<PolyId> out;
  for (unsigned i = 0; i < s.one_hot.instruction_chunks; ++i)
    out.push_back(poly(PF::kInstructionRaChunk, i));
  for (unsigned i = 0; i < s.one_hot.bytecode_chunks; ++i)
    out.push_back(poly(PF::kBytecodeRaChunk, i));
  for (unsigned i = 0; i < s.one_hot.ram_chunks; ++i) out.push_back(poly(PF::kRamRaChunk, i));
  return out;
}

// The address part of committed chunk `id`'s virtualization claim (stage 6b).
ClaimPoint virtualization_point(const ProtocolShape& s, PolyId id) {
  switch (id.family) {
    case PF::kInstructionRaChunk:
      return at_chunk(PN::kInstructionAddress5, s.one_hot.log_k_chunk, id.index, PN::kCycle6);
    case PF::kBytecodeRaChunk:
      return at_chunk(PN::kBytecodeAddress, s.one_hot.log_k_chunk, id.index, PN::kCycle6);
    default:
      return at_chunk(PN::kRamAddress2, s.one_hot.log_k_chunk, id.index, PN::kCycle6);
  }
}

StageSpec stage1(const ProtocolShape& s) {
  StageSpec st;
  st.id = StageId::k1;
  st.draws = {{"tau", s.log_t + kConstraintRounds}};
  st.instances = {{"Spartan outer", 0, {{kConstraintRounds + s.log_t, 3}}, {}}};
  st.points = {{PN::kCycle1, kConstraintRounds, s.log_t}};
  for (std::size_t i = 0; i < kNumInputs; ++i)
    st.outputs.push_back(key(static_cast<Input>(i), PN::kCycle1));
  st.landed = true;
  return st;
}

StageSpec stage2(const ProtocolShape& s) {
  const unsigned k = s.log_k_ram, t = s.log_t;
  StageSpec st;
  st.id = StageId::k2;
  st.draws = {
      {"gamma_product", 1}, {"gamma_ram_rw", 1}, {"gamma_instruction_cr", 1}, {"r_output", k}};
  st.instances = {
      {"RAM read-write checking",
       0,
       {{k, 2}, {t, 3}},
       {key(Input::kRamReadValue, PN::kCycle1), key(Input::kRamWriteValue, PN::kCycle1)}},
      {"product virtualization",
       k,
       {{t, 3}},
       {key(Input::kProduct, PN::kCycle1), key(Input::kShouldBranch, PN::kCycle1),
        key(Input::kShouldJump, PN::kCycle1)}},
      {"instruction claim reduction",
       k,
       {{t, 2}},
       {key(Input::kLookupOutput, PN::kCycle1), key(Input::kLeftLookupOperand, PN::kCycle1),
        key(Input::kRightLookupOperand, PN::kCycle1),
        key(Input::kLeftInstructionInput, PN::kCycle1),
        key(Input::kRightInstructionInput, PN::kCycle1)}},
      {"RAM RAF evaluation", 0, {{k, 2}}, {key(Input::kRamAddress, PN::kCycle1)}},
      {"RAM output check", 0, {{k, 3}}, {}},
  };
  st.points = {{PN::kRamAddress2, 0, k}, {PN::kCycle2, k, t}};
  st.outputs = {
      key(PF::kRamVal, PN::kRamAddress2, PN::kCycle2),
      key(PF::kRamRa, PN::kRamAddress2, PN::kCycle2),
      key(PF::kRamInc, PN::kCycle2),
      // product virtualization: its factors, then the sidecar flags (read by bytecode Val_2)
      key(Input::kLeftInstructionInput, PN::kCycle2),
      key(Input::kRightInstructionInput, PN::kCycle2),
      key(Input::kFlagJump, PN::kCycle2),
      key(Input::kLookupOutput, PN::kCycle2),
      key(InstructionFlag::kBranch, PN::kCycle2),
      key(PF::kNextIsNoop, PN::kCycle2),
      key(Input::kFlagWriteLookupOutputToRd, PN::kCycle2),
      key(Input::kFlagVirtualInstruction, PN::kCycle2),
      // instruction claim reduction
      key(Input::kLookupOutput, PN::kCycle2),
      key(Input::kLeftLookupOperand, PN::kCycle2),
      key(Input::kRightLookupOperand, PN::kCycle2),
      key(Input::kLeftInstructionInput, PN::kCycle2),
      key(Input::kRightInstructionInput, PN::kCycle2),
      // RAF and output check
      key(PF::kRamRa, PN::kRamAddress2, PN::kCycle1),
      key(PF::kRamValFinal, PN::kRamAddress2),
  };
  st.landed = true;
  return st;
}

StageSpec stage3(const ProtocolShape& s) {
  const unsigned t = s.log_t;
  StageSpec st;
  st.id = StageId::k3;
  st.draws = {{"gamma_shift", 1}, {"gamma_instruction_input", 1}, {"gamma_registers_cr", 1}};
  st.instances = {
      {"shift",
       0,
       {{t, 2}},
       {key(Input::kNextUnexpandedPc, PN::kCycle1), key(Input::kNextPc, PN::kCycle1),
        key(Input::kNextIsVirtual, PN::kCycle1), key(Input::kNextIsFirstInSequence, PN::kCycle1),
        key(PF::kNextIsNoop, PN::kCycle2)}},
      {"instruction input virtualization",
       0,
       {{t, 3}},
       {key(Input::kRightInstructionInput, PN::kCycle2),
        key(Input::kLeftInstructionInput, PN::kCycle2)}},
      {"registers claim reduction",
       0,
       {{t, 2}},
       {key(Input::kRdWriteValue, PN::kCycle1), key(Input::kRs1Value, PN::kCycle1),
        key(Input::kRs2Value, PN::kCycle1)}},
  };
  st.points = {{PN::kCycle3, 0, t}};
  st.outputs = {
      key(Input::kUnexpandedPc, PN::kCycle3),
      key(Input::kPc, PN::kCycle3),
      key(Input::kFlagVirtualInstruction, PN::kCycle3),
      key(Input::kFlagIsFirstInSequence, PN::kCycle3),
      key(InstructionFlag::kIsNoop, PN::kCycle3),
      key(InstructionFlag::kLeftOperandIsRs1Value, PN::kCycle3),
      key(Input::kRs1Value, PN::kCycle3),
      key(InstructionFlag::kLeftOperandIsPc, PN::kCycle3),
      key(Input::kUnexpandedPc, PN::kCycle3),
      key(InstructionFlag::kRightOperandIsRs2Value, PN::kCycle3),
      key(Input::kRs2Value, PN::kCycle3),
      key(InstructionFlag::kRightOperandIsImm, PN::kCycle3),
      key(Input::kImm, PN::kCycle3),
      key(Input::kRdWriteValue, PN::kCycle3),
      key(Input::kRs1Value, PN::kCycle3),
      key(Input::kRs2Value, PN::kCycle3),
  };
  st.landed = true;
  return st;
}

StageSpec stage4(const ProtocolShape& s) {
  const unsigned t = s.log_t;
  StageSpec st;
  st.id = StageId::k4;
  st.draws = {{"gamma_registers_rw", 1}, {"gamma_ram_val_check", 1}};
  st.instances = {
      {"registers read-write checking",
       0,
       {{kLogKRegisters, 2}, {t, 3}},
       {key(Input::kRdWriteValue, PN::kCycle3), key(Input::kRs1Value, PN::kCycle3),
        key(Input::kRs2Value, PN::kCycle3)}},
      {"RAM value check",
       kLogKRegisters,
       {{t, 3}},
       {key(PF::kRamVal, PN::kRamAddress2, PN::kCycle2), key(PF::kRamValFinal, PN::kRamAddress2)}},
  };
  st.points = {{PN::kRegisterAddress4, 0, kLogKRegisters}, {PN::kCycle4, kLogKRegisters, t}};
  st.outputs = {
      key(PF::kRegistersVal, PN::kRegisterAddress4, PN::kCycle4),
      key(PF::kRs1Ra, PN::kRegisterAddress4, PN::kCycle4),
      key(PF::kRs2Ra, PN::kRegisterAddress4, PN::kCycle4),
      key(PF::kRdWa, PN::kRegisterAddress4, PN::kCycle4),
      key(PF::kRdInc, PN::kCycle4),
      key(PF::kRamRa, PN::kRamAddress2, PN::kCycle4),
      key(PF::kRamInc, PN::kCycle4),
  };
  st.landed = true;
  return st;
}

StageSpec stage5(const ProtocolShape& s) {
  const unsigned t = s.log_t, k = kLogKInstruction;
  StageSpec st;
  st.id = StageId::k5;
  st.draws = {{"gamma_instruction_read_raf", 1}, {"gamma_ram_ra_cr", 1}};
  st.instances = {
      {"instruction read-RAF",
       0,
       {{k, 2}, {t, s.instruction_virtual_chunks + 2}},
       {key(Input::kLookupOutput, PN::kCycle2), key(Input::kLeftLookupOperand, PN::kCycle2),
        key(Input::kRightLookupOperand, PN::kCycle2)}},
      {"RAM RA claim reduction",
       k,
       {{t, 2}},
       {key(PF::kRamRa, PN::kRamAddress2, PN::kCycle1),
        key(PF::kRamRa, PN::kRamAddress2, PN::kCycle2),
        key(PF::kRamRa, PN::kRamAddress2, PN::kCycle4)}},
      {"registers value evaluation",
       k,
       {{t, 3}},
       {key(PF::kRegistersVal, PN::kRegisterAddress4, PN::kCycle4)}},
  };
  // The address variables are bound most significant first: r_a^5 is in round order.
  st.points = {{PN::kInstructionAddress5, 0, k, false}, {PN::kCycle5, k, t}};
  for (unsigned tb = 0; tb < kNumLookupTables; ++tb)
    st.outputs.push_back(key(poly(PF::kLookupTableFlag, tb), at(PN::kCycle5)));
  st.outputs.push_back(key(PF::kInstructionRafFlag, PN::kCycle5));
  for (unsigned v = 0; v < s.instruction_virtual_chunks; ++v)
    st.outputs.push_back(
        key(poly(PF::kInstructionRaVirtual, v),
            at_chunk(PN::kInstructionAddress5, s.ra_virtual_log_k_chunk, v, PN::kCycle5)));
  st.outputs.push_back(key(PF::kRamRa, PN::kRamAddress2, PN::kCycle5));
  st.outputs.push_back(key(PF::kRdInc, PN::kCycle5));
  st.outputs.push_back(key(PF::kRdWa, PN::kRegisterAddress4, PN::kCycle5));
  st.landed = true;
  return st;
}

StageSpec stage6a(const ProtocolShape& s) {
  const unsigned n = std::max(s.log_k_bytecode, s.one_hot.log_k_chunk);
  StageSpec st;
  st.id = StageId::k6a;
  // γ batches the five Val_s groups and the RAF/entry terms; β_s weights the claims inside
  // group s (powers of one challenge each); γ_b batches booleanity over the chunks.
  st.draws = {{"gamma_bytecode", 1}, {"beta_bytecode", 5}, {"gamma_booleanity", 1}};
  st.instances = {
      {"bytecode read-RAF (address)",
       n - s.log_k_bytecode,
       {{s.log_k_bytecode, 2}},
       bytecode_inputs(s)},
      {"booleanity (address)", n - s.one_hot.log_k_chunk, {{s.one_hot.log_k_chunk, 3}}, {}},
  };
  st.points = {{PN::kBytecodeAddress, n - s.log_k_bytecode, s.log_k_bytecode},
               {PN::kBooleanityAddress, n - s.one_hot.log_k_chunk, s.one_hot.log_k_chunk}};
  st.outputs = {key(PF::kBytecodeReadRafAddrClaim, PN::kBytecodeAddress),
                key(PF::kBooleanityAddrClaim, PN::kBooleanityAddress)};
  st.landed = true;
  return st;
}

StageSpec stage6b(const ProtocolShape& s) {
  const unsigned t = s.log_t;
  StageSpec st;
  st.id = StageId::k6b;
  st.draws = {{"gamma_instruction_ra_virtualization", 1}, {"gamma_inc_cr", 1}};
  std::vector<ClaimKey> instruction_virtual;
  for (unsigned v = 0; v < s.instruction_virtual_chunks; ++v)
    instruction_virtual.push_back(
        key(poly(PF::kInstructionRaVirtual, v),
            at_chunk(PN::kInstructionAddress5, s.ra_virtual_log_k_chunk, v, PN::kCycle5)));
  st.instances = {
      {"bytecode read-RAF (cycle)",
       0,
       {{t, s.one_hot.bytecode_chunks + 1}},
       {key(PF::kBytecodeReadRafAddrClaim, PN::kBytecodeAddress)}},
      {"booleanity (cycle)", 0, {{t, 3}}, {key(PF::kBooleanityAddrClaim, PN::kBooleanityAddress)}},
      {"RAM Hamming booleanity", 0, {{t, 3}}, {}},
      {"RAM RA virtualization",
       0,
       {{t, s.one_hot.ram_chunks + 1}},
       {key(PF::kRamRa, PN::kRamAddress2, PN::kCycle5)}},
      {"instruction RA virtualization", 0, {{t, s.chunks_per_virtual() + 1}}, instruction_virtual},
      {"Inc claim reduction",
       0,
       {{t, 2}},
       {key(PF::kRamInc, PN::kCycle2), key(PF::kRamInc, PN::kCycle4), key(PF::kRdInc, PN::kCycle4),
        key(PF::kRdInc, PN::kCycle5)}},
  };
  st.points = {{PN::kCycle6, 0, t}};
  for (unsigned i = 0; i < s.one_hot.bytecode_chunks; ++i)
    st.outputs.push_back(
        key(poly(PF::kBytecodeRaChunk, i), virtualization_point(s, poly(PF::kBytecodeRaChunk, i))));
  for (const PolyId id : committed_chunks(s))
    st.outputs.push_back(key(id, at(PN::kBooleanityAddress, PN::kCycle6)));
  st.outputs.push_back(key(PF::kRamHammingWeight, PN::kCycle6));
  for (unsigned i = 0; i < s.one_hot.ram_chunks; ++i)
    st.outputs.push_back(
        key(poly(PF::kRamRaChunk, i), virtualization_point(s, poly(PF::kRamRaChunk, i))));
  for (unsigned i = 0; i < s.one_hot.instruction_chunks; ++i)
    st.outputs.push_back(key(poly(PF::kInstructionRaChunk, i),
                             virtualization_point(s, poly(PF::kInstructionRaChunk, i))));
  st.outputs.push_back(key(PF::kRamInc, PN::kCycle6));
  st.outputs.push_back(key(PF::kRdInc, PN::kCycle6));
  st.landed = true;
  return st;
}

StageSpec stage7(const ProtocolShape& s) {
  StageSpec st;
  st.id = StageId::k7;
  st.draws = {{"gamma_hamming_weight", 1}};
  std::vector<ClaimKey> inputs;
  for (const PolyId id : committed_chunks(s)) {
    inputs.push_back(key(id, at(PN::kBooleanityAddress, PN::kCycle6)));
    inputs.push_back(key(id, virtualization_point(s, id)));
  }
  inputs.push_back(key(PF::kRamHammingWeight, PN::kCycle6));
  st.instances = {{"Hamming weight claim reduction", 0, {{s.one_hot.log_k_chunk, 2}}, inputs}};
  st.points = {{PN::kAddress7, 0, s.one_hot.log_k_chunk}};
  for (const PolyId id : committed_chunks(s))
    st.outputs.push_back(key(id, at(PN::kAddress7, PN::kCycle6)));
  st.landed = true;
  return st;
}

// Stage 8: the batched opening of every committed claim at (r_a^7 ‖ r_c^6) (one-hot chunks) and
// r_c^6 (RdInc, RamInc, embedded in the k = 0 rows). No sumcheck: it only reads.
StageSpec stage8(const ProtocolShape& s) {
  StageSpec st;
  st.id = StageId::k8;
  std::vector<ClaimKey> inputs = {key(PF::kRdInc, PN::kCycle6), key(PF::kRamInc, PN::kCycle6)};
  for (const PolyId id : committed_chunks(s))
    inputs.push_back(key(id, at(PN::kAddress7, PN::kCycle6)));
  st.instances = {{"Dory opening", 0, {}, inputs}};
  st.landed = true;
  return st;
}

}  // namespace

std::string_view stage_name(StageId id) {
  static constexpr std::array<std::string_view, kNumStages> kNames = {
      "stage 1",  "stage 2",  "stage 3", "stage 4", "stage 5",
      "stage 6a", "stage 6b", "stage 7", "stage 8"};
  return kNames[static_cast<unsigned>(id)];
}

ProtocolShape ProtocolShape::from_sizes(u64 padded_len, u64 k_ram, u64 k_bytecode) {
  RILL_CHECK(padded_len >= 2 && is_pow2(padded_len), "T is a power of two >= 2");
  RILL_CHECK(k_ram >= 2 && is_pow2(k_ram), "K_ram is a power of two >= 2");
  RILL_CHECK(k_bytecode >= 2 && is_pow2(k_bytecode), "K_bc is a power of two >= 2");
  ProtocolShape s;
  s.log_t = log2_exact(padded_len);
  s.log_k_ram = log2_exact(k_ram);
  s.log_k_bytecode = log2_exact(k_bytecode);
  s.one_hot = OneHotParams::for_sizes(padded_len, k_bytecode, k_ram);
  const bool small = s.one_hot.log_k_chunk == 4;
  s.ra_virtual_log_k_chunk = small ? kLogKInstruction / 8 : kLogKInstruction / 4;
  s.instruction_virtual_chunks = kLogKInstruction / s.ra_virtual_log_k_chunk;
  return s;
}

FamilySizes ProtocolShape::family_sizes() const {
  return {one_hot.instruction_chunks, one_hot.bytecode_chunks, one_hot.ram_chunks,
          instruction_virtual_chunks};
}

unsigned InstanceSpec::rounds() const {
  unsigned n = 0;
  for (const PhaseSpec& p : phases) n += p.rounds;
  return n;
}

unsigned InstanceSpec::degree_in_round(unsigned local_round) const {
  for (const PhaseSpec& p : phases) {
    if (local_round < p.rounds) return p.degree;
    local_round -= p.rounds;
  }
  RILL_CHECK(false, "round beyond the instance");
  return 0;
}

unsigned StageSpec::total_rounds() const {
  unsigned n = 0;
  for (const InstanceSpec& i : instances) n = std::max(n, i.offset + i.rounds());
  return n;
}

std::vector<unsigned> StageSpec::round_degrees() const {
  std::vector<unsigned> degrees(total_rounds(), 0);
  for (const InstanceSpec& i : instances)
    for (unsigned r = 0; r < i.rounds(); ++r)
      degrees[i.offset + r] = std::max(degrees[i.offset + r], i.degree_in_round(r));
  return degrees;
}

std::vector<ClaimKey> StageSpec::inputs() const {
  std::vector<ClaimKey> all;
  for (const InstanceSpec& i : instances) all.insert(all.end(), i.inputs.begin(), i.inputs.end());
  return all;
}

StageSpec stage_spec(StageId id, const ProtocolShape& shape) {
  switch (id) {
    case StageId::k1:
      return stage1(shape);
    case StageId::k2:
      return stage2(shape);
    case StageId::k3:
      return stage3(shape);
    case StageId::k4:
      return stage4(shape);
    case StageId::k5:
      return stage5(shape);
    case StageId::k6a:
      return stage6a(shape);
    case StageId::k6b:
      return stage6b(shape);
    case StageId::k7:
      return stage7(shape);
    case StageId::k8:
      return stage8(shape);
  }
  RILL_CHECK(false, "unknown stage");
  return {};
}

std::vector<StageId> all_stages() {
  std::vector<StageId> out;
  for (unsigned i = 0; i < kNumStages; ++i) out.push_back(static_cast<StageId>(i));
  return out;
}

std::vector<StageId> landed_stages() {
  // Placeholder shape: which stages have landed does not depend on sizes.
  const ProtocolShape shape = ProtocolShape::from_sizes(256, 2, 2);
  std::vector<StageId> out;
  for (const StageId id : all_stages())
    if (stage_spec(id, shape).landed) out.push_back(id);
  return out;
}

std::vector<StageId> sumcheck_stages() {
  std::vector<StageId> out;
  for (const StageId id : landed_stages())
    if (id != StageId::k8) out.push_back(id);
  return out;
}

std::vector<ClaimKey> new_output_claims(StageId id, const ProtocolShape& shape) {
  std::set<ClaimKey> seen;
  for (const StageId earlier : all_stages()) {
    if (earlier == id) break;
    for (const ClaimKey& k : stage_spec(earlier, shape).outputs) seen.insert(k);
  }
  std::vector<ClaimKey> fresh;
  for (const ClaimKey& k : stage_spec(id, shape).outputs)
    if (seen.insert(k).second) fresh.push_back(k);
  return fresh;
}

std::vector<PendingConsumer> pending_consumers(const ProtocolShape& shape) {
  // Every stage has landed, the final opening (stage 8) included: every emitted claim has a
  // landed reader.
  (void)shape;
  return {};
}

}  // namespace rill::zkvm
