#include "rill/zkvm/stages/stage6.hpp"

namespace rill::zkvm {

namespace {

Fr value(const OpeningAccumulator& acc, const ClaimKey& key) {
  const ClaimLookup found = acc.find(key);
  RILL_CHECK(found.ok(), found.error);
  return *found.value;
}

std::vector<Fr> values(const OpeningAccumulator& acc, std::span<const ClaimKey> keys) {
  std::vector<Fr> out;
  for (const ClaimKey& k : keys) out.push_back(value(acc, k));
  return out;
}

std::vector<Fr> chunk_claims(const StageClaims& claims, std::span<const ClaimKey> outputs,
                             PolyFamily family, PointName address) {
  std::vector<Fr> out;
  for (const ClaimKey& k : outputs)
    if (k.poly.family == family && k.point.parts[0].name == address) out.push_back(claims[k]);
  return out;
}

}  // namespace

Stage6aCarry stage6a_carry(const StageChallenges& challenges, const PointTable& points) {
  Stage6aCarry c;
  const PointName cycles[] = {PointName::kCycle1, PointName::kCycle2, PointName::kCycle3,
                              PointName::kCycle4, PointName::kCycle5};
  for (unsigned s = 0; s < 5; ++s) c.bytecode.r_cycle[s] = *points.find(cycles[s]);
  c.bytecode.r_register = *points.find(PointName::kRegisterAddress4);
  c.bytecode.gamma = challenges.scalar("gamma_bytecode");
  const std::vector<Fr>& beta = challenges["beta_bytecode"];
  for (unsigned s = 0; s < 5; ++s) c.bytecode.beta[s] = beta.at(s);
  c.gamma_booleanity = challenges.scalar("gamma_booleanity");
  return c;
}

std::vector<Fr> booleanity_address_point(const ProtocolShape& shape, const PointTable& points) {
  return point_chunk(*points.find(PointName::kInstructionAddress5), shape.one_hot.log_k_chunk, 0);
}

Fr bytecode_input_claim(const ProtocolShape& shape, const BytecodeReadRafParams& params,
                        const OpeningAccumulator& accumulator) {
  const StageSpec spec = stage_spec(StageId::k6a, shape);
  const std::vector<Fr> all = values(accumulator, spec.instances[0].inputs);
  // Group sizes in the table's order: UnexpandedPC, Imm, 13 circuit flags; 4; 9; 3;
  // RdWa, InstructionRafFlag, 26 table flags; then PC @1, PC @3.
  const std::size_t sizes[5] = {2 + kNumInputs - index_of(Input::kFlagAddOperands), 4, 9, 3,
                                2 + kNumLookupTables};
  std::array<std::vector<Fr>, 5> groups;
  std::size_t next = 0;
  for (unsigned s = 0; s < 5; ++s)
    for (std::size_t f = 0; f < sizes[s]; ++f) groups[s].push_back(all.at(next++));
  RILL_CHECK_EQ(next + 2, all.size(), "the bytecode read-RAF's inputs");
  return bytecode_read_raf_input_claim(params, groups, all[next], all[next + 1]);
}

Stage6bInputs stage6b_inputs(const ProtocolShape& shape, const OpeningAccumulator& accumulator) {
  const StageSpec spec = stage_spec(StageId::k6b, shape);
  Stage6bInputs in;
  in.bytecode_address = value(accumulator, spec.instances[0].inputs.at(0));
  in.booleanity_address = value(accumulator, spec.instances[1].inputs.at(0));
  in.ram_ra = value(accumulator, spec.instances[3].inputs.at(0));
  in.instruction_virtual = values(accumulator, spec.instances[4].inputs);
  const std::vector<Fr> inc = values(accumulator, spec.instances[5].inputs);
  for (unsigned i = 0; i < 4; ++i) in.inc[i] = inc.at(i);
  return in;
}

StageVerification verify_stage6a(const ProtocolShape& shape, const shout::BytecodeValues& bytecode,
                                 const StageProof& proof, Transcript& transcript,
                                 OpeningAccumulator& accumulator, Stage6aCarry& carry) {
  const StageSpec spec = stage_spec(StageId::k6a, shape);
  return verify_stage(
      spec, proof,
      [&](const StageChallenges& challenges, const StageClaims& claims,
          const OpeningAccumulator& acc) {
        carry = stage6a_carry(challenges, acc.points());
        VerifierInstances instances;
        instances.push_back(std::make_unique<BytecodeAddressVerifier>(
            bytecode_num_vars(bytecode), bytecode_input_claim(shape, carry.bytecode, acc),
            claims[{poly(PolyFamily::kBytecodeReadRafAddrClaim),
                    at(PointName::kBytecodeAddress)}]));
        instances.push_back(std::make_unique<BooleanityAddressVerifier>(
            shape.one_hot.log_k_chunk,
            claims[{poly(PolyFamily::kBooleanityAddrClaim), at(PointName::kBooleanityAddress)}]));
        return instances;
      },
      transcript, accumulator);
}

StageVerification verify_stage6b(const ProtocolShape& shape, const shout::BytecodeValues& bytecode,
                                 const Stage6aCarry& carry, const StageProof& proof,
                                 Transcript& transcript, OpeningAccumulator& accumulator) {
  const StageSpec spec = stage_spec(StageId::k6b, shape);
  return verify_stage(
      spec, proof,
      [&](const StageChallenges& challenges, const StageClaims& claims,
          const OpeningAccumulator& acc) {
        const PointTable& points = acc.points();
        const auto point = [&](PointName n) { return *points.find(n); };
        const Stage6bInputs in = stage6b_inputs(shape, acc);
        const std::vector<Fr> r_bc = point(PointName::kBytecodeAddress);
        const std::vector<Fr> r_c5 = point(PointName::kCycle5);
        const std::span<const ClaimKey> out = spec.outputs;
        VerifierInstances instances;
        instances.push_back(std::make_unique<BytecodeCycleVerifier>(
            carry.bytecode, bytecode_point_values(bytecode, carry.bytecode, r_bc),
            in.bytecode_address,
            chunk_claims(claims, out, PolyFamily::kBytecodeRaChunk, PointName::kBytecodeAddress)));
        std::vector<Fr> booleanity;
        for (const ClaimKey& k : out)
          if (k.point == at(PointName::kBooleanityAddress, PointName::kCycle6))
            booleanity.push_back(claims[k]);
        instances.push_back(std::make_unique<BooleanityCycleVerifier>(
            booleanity_address_point(shape, points), r_c5, point(PointName::kBooleanityAddress),
            carry.gamma_booleanity, in.booleanity_address, std::move(booleanity)));
        instances.push_back(std::make_unique<RamHammingBooleanityVerifier>(
            point(PointName::kCycle1),
            claims[{poly(PolyFamily::kRamHammingWeight), at(PointName::kCycle6)}]));
        instances.push_back(std::make_unique<RamRaVirtualizationVerifier>(
            r_c5, in.ram_ra,
            chunk_claims(claims, out, PolyFamily::kRamRaChunk, PointName::kRamAddress2)));
        const Fr gamma_irv = challenges.scalar("gamma_instruction_ra_virtualization");
        instances.push_back(std::make_unique<InstructionRaVirtualizationVerifier>(
            r_c5, gamma_irv, shape.chunks_per_virtual(),
            instruction_ra_virtualization_claim(in.instruction_virtual, gamma_irv),
            chunk_claims(claims, out, PolyFamily::kInstructionRaChunk,
                         PointName::kInstructionAddress5)));
        instances.push_back(std::make_unique<IncClaimReductionVerifier>(
            challenges.scalar("gamma_inc_cr"), point(PointName::kCycle2), point(PointName::kCycle4),
            r_c5, in.inc,
            std::array<Fr, 2>{claims[{poly(PolyFamily::kRamInc), at(PointName::kCycle6)}],
                              claims[{poly(PolyFamily::kRdInc), at(PointName::kCycle6)}]}));
        return instances;
      },
      transcript, accumulator);
}

}  // namespace rill::zkvm
