// Dense coefficients of a committed polynomial rebuilt from a run's raw rows (reference §1.3),
// independently of the record code: the K_chunk × T CycleMajor vector (index k·T + j); RdInc and
// RamInc fill the k = 0 slice (their T coefficients are the first T entries). Tests only.
#pragma once

#include <gtest/gtest.h>

#include <vector>

#include "rill/zkvm/prover/witness_commitment.hpp"
#include "test_support.hpp"

namespace rill::zkvm::testing {

inline std::vector<Fr> dense_coefficients(const GuestRun& run, const OneHotParams& p, PolyId id) {
  const u64 t = run.source.padded_len();
  std::vector<Fr> c((u64{1} << p.log_k_chunk) * t, Fr::zero());
  const auto& bytecode = run.machine->bytecode();
  for (u64 j = 0; j < t; ++j) {
    const riscv::Row& row = run.source.row(j);
    switch (id.family) {
      case PolyFamily::kRdInc:
        c[j] = Fr::from_i64(i64{row.rd_post} - i64{row.rd_pre});
        break;
      case PolyFamily::kRamInc:
        c[j] = row.ram_op == riscv::RamOp::Write
                   ? Fr::from_i64(i64{row.ram_post} - i64{row.ram_pre})
                   : Fr::zero();
        break;
      case PolyFamily::kInstructionRaChunk: {
        const u64 index = cycle_lookup(bytecode.row(row.bytecode_index), row).query.index;
        c[instruction_ra_index(p, index, id.index) * t + j] = Fr::one();
        break;
      }
      case PolyFamily::kBytecodeRaChunk:
        c[bytecode_ra_index(p, row.bytecode_index, id.index) * t + j] = Fr::one();
        break;
      case PolyFamily::kRamRaChunk:
        if (row.ram_op != riscv::RamOp::None)
          c[ram_ra_index(p, run.machine->layout().word_index(row.ram_address), id.index) * t + j] =
              Fr::one();
        break;
      default:
        ADD_FAILURE() << "not committed";
    }
  }
  return c;
}

}  // namespace rill::zkvm::testing
