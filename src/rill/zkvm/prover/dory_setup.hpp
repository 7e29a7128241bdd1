// The Dory setup a proof of a given shape needs, shared within the process.
//
// Every committed polynomial has log_k_chunk + log T variables in one matrix shape
// (witness_matrix_shape), so the opening runs σ = ⌈(log_k_chunk + log T)/2⌉ rounds and needs a
// setup with K ≥ σ. The setup is deterministic (pcs/setup.hpp): it is loaded from the on-disk
// cache, or generated and cached (pcs/setup_cache.hpp), once per process; a later request for
// no more variables reuses it (a larger setup serves every smaller σ), a larger request loads the
// larger one. The preamble binds the setup by DoryVerifierSetup::digest(σ), which does not depend
// on which cached size was loaded.
#pragma once

#include "rill/pcs/setup.hpp"
#include "rill/pcs/setup_cache.hpp"
#include "rill/riscv/execution.hpp"
#include "rill/zkvm/stages/stage_table.hpp"

namespace rill::zkvm {

// Variables of every committed polynomial: log_k_chunk + log T.
unsigned committed_num_vars(const ProtocolShape& shape);

// The opening's round count σ for this shape.
unsigned opening_log_columns(const ProtocolShape& shape);

// A setup for at least `num_vars` variables, loaded or generated on first use. Thread-safe; the
// reference stays valid for the life of the process. `report` (optional) says whether this call
// loaded, generated or reused a setup and how long it took.
const DorySetup& shared_dory_setup(unsigned num_vars, SetupLoadReport* report = nullptr);

// The shape a run is proven in, and the shared setup that serves it.
ProtocolShape run_shape(const riscv::Machine& machine, const riscv::ExecutionSummary& summary);
const DorySetup& shared_dory_setup(const ProtocolShape& shape, SetupLoadReport* report = nullptr);

}  // namespace rill::zkvm
