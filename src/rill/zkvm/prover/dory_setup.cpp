#include "rill/zkvm/prover/dory_setup.hpp"

#include <memory>
#include <mutex>
#include <vector>

#include "rill/zkvm/prover/stage8.hpp"

namespace rill::zkvm {

unsigned committed_num_vars(const ProtocolShape& shape) {
  return stage8_matrix_shape(shape).num_vars();
}

unsigned opening_log_columns(const ProtocolShape& shape) {
  return stage8_matrix_shape(shape).log_columns;
}

const DorySetup& shared_dory_setup(unsigned num_vars, SetupLoadReport* report) {
  static std::mutex mutex;
  // Every setup loaded so far stays alive (callers hold references); the last is the largest.
  static std::vector<std::unique_ptr<const DorySetup>> loaded;
  const std::lock_guard lock(mutex);
  const unsigned needed = DorySetup::log_columns_for(num_vars);
  if (!loaded.empty() && loaded.back()->max_log_columns() >= needed) {
    if (report != nullptr) *report = SetupLoadReport{{}, true, {}, 0, 0};
    return *loaded.back();
  }
  loaded.push_back(std::make_unique<const DorySetup>(load_or_generate_setup(num_vars, report)));
  return *loaded.back();
}

ProtocolShape run_shape(const riscv::Machine& machine, const riscv::ExecutionSummary& summary) {
  return ProtocolShape::from_sizes(summary.padded_len, summary.k_ram,
                                   machine.bytecode().padded_size());
}

const DorySetup& shared_dory_setup(const ProtocolShape& shape, SetupLoadReport* report) {
  return shared_dory_setup(committed_num_vars(shape), report);
}

}  // namespace rill::zkvm
