// The stage table (docs/protocol.md, "Stage table"): stages 1–7 as Rill proves them, plus the
// final opening as stage 8. For every stage: the transcript draws before its sumcheck, its
// instances in batch order (round offset, and rounds and degree per phase), the named points its
// challenges define, the claims each instance reads, and its output claims in schedule order.
// The prover, the verifier and the proof codec all read this one table; a stage's code fills in
// kernels, never its own layout.
//
// Layout decisions fixed here (ARCHITECTURE.md §3): Twist binds address variables first, so in
// stage 2 the RAM read-write checking, RAF and output check start at round 0 and the log T
// instances at log K_ram (r_c^{2,rw} = r_c^2); in stage 4 registers read-write checking starts
// at 0 and the RAM value check at log K_reg (r_c^{4'} = r_c^4); in stage 5 the instruction
// read-RAF starts at 0 and the RAM RA reduction and registers value evaluation at LOG_K. The
// univariate skips of stages 1 and 2 are replaced by plain rounds (stage 1: 5 constraint rounds;
// stage 2: a challenge γ batches the three products).
#pragma once

#include <string_view>
#include <vector>

#include "rill/util/int.hpp"
#include "rill/zkvm/stages/opening_accumulator.hpp"
#include "rill/zkvm/witness/cycle_witness.hpp"

namespace rill::zkvm {

enum class StageId : u8 { k1, k2, k3, k4, k5, k6a, k6b, k7, k8 };
inline constexpr unsigned kNumStages = 9;
std::string_view stage_name(StageId id);  // "stage 1", …, "stage 6a", …

inline constexpr unsigned kLogKRegisters = 6;     // K_reg = 64 (ARCHITECTURE.md §3)
inline constexpr unsigned kLogKInstruction = 64;  // LOG_K = 2·XLEN
inline constexpr unsigned kConstraintRounds = 5;  // stage 1: 19 constraints padded to 32

// Sizes every stage's layout depends on; all follow from the statement (T, K_ram) and the
// program (K_bc, the expanded bytecode length padded to a power of two).
struct ProtocolShape {
  unsigned log_t = 0;
  unsigned log_k_ram = 0;
  unsigned log_k_bytecode = 0;
  OneHotParams one_hot;                 // log_k_chunk, d_I, d_B, d_R (witness/cycle_witness.hpp)
  unsigned ra_virtual_log_k_chunk = 0;  // LOG_K/8 for log T < 25, else LOG_K/4
  unsigned instruction_virtual_chunks = 0;  // n_virtual = LOG_K / ra_virtual_log_k_chunk

  // T, K_ram, K_bc: powers of two (T ≥ 2, K ≥ 2).
  static ProtocolShape from_sizes(u64 padded_len, u64 k_ram, u64 k_bytecode);
  FamilySizes family_sizes() const;
  // Committed chunks per virtual instruction-ra chunk: M = ra_virtual_log_k_chunk / log_k_chunk.
  unsigned chunks_per_virtual() const { return ra_virtual_log_k_chunk / one_hot.log_k_chunk; }
};

struct DrawSpec {
  std::string_view name;  // e.g. "gamma_rw"
  unsigned count;         // challenges drawn (one transcript challenge each)
};

struct PhaseSpec {
  unsigned rounds;
  unsigned degree;
};

struct InstanceSpec {
  std::string_view name;
  unsigned offset;                // first global round
  std::vector<PhaseSpec> phases;  // consecutive phases (e.g. address rounds, then cycle rounds)
  std::vector<ClaimKey> inputs;   // the claims its input claim is made of
  unsigned rounds() const;
  unsigned degree_in_round(unsigned local_round) const;
};

// A named point made of challenges [first, first + count) of the stage's batch: reversed
// (big-endian of low-to-high binding, the default) or in round order (MSB-first binding).
struct PointSpec {
  PointName name;
  unsigned first;
  unsigned count;
  bool reversed = true;
};

struct StageSpec {
  StageId id = StageId::k1;
  std::vector<DrawSpec> draws;
  std::vector<InstanceSpec> instances;  // batch order; empty for stage 8
  std::vector<PointSpec> points;
  std::vector<ClaimKey> outputs;  // schedule order, repeats of earlier claims included
  bool landed = false;            // proven by today's prover (the rest are specified only)

  unsigned total_rounds() const;
  // Round g is serialized at the highest degree among the instances active in round g.
  std::vector<unsigned> round_degrees() const;
  // Every claim the stage reads (its instances' inputs), in batch order.
  std::vector<ClaimKey> inputs() const;
};

StageSpec stage_spec(StageId id, const ProtocolShape& shape);
std::vector<StageId> all_stages();
// The stages today's prover runs, in order.
std::vector<StageId> landed_stages();
// The landed stages proven by a batched sumcheck, in order: every one but stage 8 (the Dory
// opening). A proof has one sumcheck section per entry.
std::vector<StageId> sumcheck_stages();

// Output claims of stage `id` that are new given the claims of every earlier stage: exactly the
// claims its proof section carries, in schedule order.
std::vector<ClaimKey> new_output_claims(StageId id, const ProtocolShape& shape);

// Claims emitted by a landed stage whose reader has not landed yet, with that reader. The claim
// walk (stage_table_test) fails on any emitted claim no landed stage reads that is not listed
// here, and on any entry here whose reader does not list it or has landed. Empty when the whole
// proof has landed.
struct PendingConsumer {
  ClaimKey claim;
  StageId reader;
};
std::vector<PendingConsumer> pending_consumers(const ProtocolShape& shape);

}  // namespace rill::zkvm
