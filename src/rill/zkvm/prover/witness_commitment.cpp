#include "rill/zkvm/prover/witness_commitment.hpp"

#include "rill/zkvm/stages/record_values.hpp"

namespace rill::zkvm {

std::vector<PolyId> committed_polys(const OneHotParams& one_hot) {
  std::vector<PolyId> polys = {poly(PolyFamily::kRdInc), poly(PolyFamily::kRamInc)};
  for (unsigned i = 0; i < one_hot.instruction_chunks; ++i)
    polys.push_back(poly(PolyFamily::kInstructionRaChunk, i));
  for (unsigned i = 0; i < one_hot.ram_chunks; ++i)
    polys.push_back(poly(PolyFamily::kRamRaChunk, i));
  for (unsigned i = 0; i < one_hot.bytecode_chunks; ++i)
    polys.push_back(poly(PolyFamily::kBytecodeRaChunk, i));
  return polys;
}

MatrixShape witness_matrix_shape(unsigned log_t, unsigned log_k_chunk) {
  return MatrixShape::balanced(log_t + log_k_chunk);
}

u32 committed_chunk_index(PolyId id, const CycleRecord& record) {
  switch (id.family) {
    case PolyFamily::kInstructionRaChunk:
      return record.instruction_chunks[id.index];
    case PolyFamily::kBytecodeRaChunk:
      return record.bytecode_chunks[id.index];
    case PolyFamily::kRamRaChunk:
      return record.ram_chunks[id.index];
    default:
      RILL_CHECK(false, "not a committed one-hot polynomial");
      return kNoAccess;
  }
}

i64 committed_dense_value(PolyId id, const CycleRecord& record) {
  RILL_CHECK(id.family == PolyFamily::kRdInc || id.family == PolyFamily::kRamInc,
             "not a committed dense polynomial");
  return static_cast<i64>(record_value(id, record));  // the one registry → witness map
}

}  // namespace rill::zkvm
