// What every stage's prover receives (the stage contract, stage_proof.hpp): the trace as a
// source of per-row records, the sizes, how to read the trace, the transcript and the opening
// accumulator. Stages never see a materialized trace (ARCHITECTURE.md §2), and no stage code
// branches on the mode: the mode only chooses the schedules (StageConfig).
#pragma once

#include <map>
#include <string_view>

#include "rill/sumcheck/batched.hpp"
#include "rill/sumcheck/pass_driver.hpp"
#include "rill/sumcheck/progress_hook.hpp"
#include "rill/sumcheck/schedule.hpp"
#include "rill/transcript/transcript.hpp"
#include "rill/zkvm/stages/opening_accumulator.hpp"
#include "rill/zkvm/stages/record_values.hpp"
#include "rill/zkvm/stages/stage_proof.hpp"
#include "rill/zkvm/stages/stage_prover.hpp"
#include "rill/zkvm/stages/stage_table.hpp"
#include "rill/zkvm/witness/cycle_record.hpp"

namespace rill::zkvm {

// What one pass over the trace costs per record, whoever reads it, in field multiplications: the
// batch plan charges it for every pass (BatchPlan::planned). Measured on AMD EPYC: a replayed row
// 6.5 ns (riscv_bench BM_ReplayPass), its CycleRecord 48 ns (zkvm_record_bench RecordPass), a
// Montgomery multiplication 15–17 ns (field_bench): about 3.5.
inline constexpr double kPassChargePerRecord = 3.5;

// The default StageConfig::switch_early (measured in docs/benchmarks.md, "The switch four rounds
// early").
inline constexpr unsigned kSwitchEarly = 4;

// How a stage reads the trace: the schedule of its cycle rounds and the pass shape.
struct StageConfig {
  bool streaming = false;
  unsigned max_window = 10;
  PassOptions pass;
  double pass_charge = kPassChargePerRecord;
  // Streaming cycle phases switch at ⌊log T/2⌋ − switch_early: arrays of
  // 2^{⌈log T/2⌉ + switch_early} entries (still O(√T)) for switch_early fewer window passes, the
  // passes of the late rounds, whose fold reads all T records where the linear round reads T/2^i
  // (docs/streaming.md, "Planned windows").
  unsigned switch_early = kSwitchEarly;
};

// The schedule of a log T cycle phase of stages 2–6b: linear (materialize at round 0, factors
// compact), or streaming windows planned from the pass costs (Schedule::automatic: resolved by
// the instance's StreamingProductSumcheck, then planned with the rest of its batch by
// prove_stage, PassDriver::plan). Proof bytes do not depend on the schedule.
inline Schedule cycle_schedule(unsigned log_t, const StageConfig& config) {
  return config.streaming ? Schedule::automatic(log_t, config.max_window, config.switch_early)
                          : Schedule::linear_only(log_t);
}

template <RecordSource S>
struct ProverContext {
  const S& source;
  ProtocolShape shape;
  StageConfig config;
  Transcript& transcript;
  OpeningAccumulator& accumulator;
};

// The claim `key` of an earlier stage; its absence is a prover bug (the stage table orders it).
inline Fr earlier_claim(const OpeningAccumulator& accumulator, const ClaimKey& key) {
  const ClaimLookup found = accumulator.find(key);
  RILL_CHECK(found.ok(), found.error);
  return *found.value;
}
// A named point of an earlier stage (a prover bug when absent).
inline const std::vector<Fr>& earlier_point(const OpeningAccumulator& accumulator, PointName name) {
  const std::vector<Fr>* point = accumulator.points().find(name);
  RILL_CHECK(point != nullptr, "the point is produced by an earlier stage");
  return *point;
}

struct StageOutput {
  StageProof proof;
  unsigned passes = 0;          // passes over the trace, sidecar passes included
  unsigned planned_passes = 0;  // the batch plan's passes (PassDriver::plan), included above
};

// Runs a stage whose instances are all StageProvers (in the table's batch order): registers them
// with one pass driver, plans the windows of the instances with automatic schedules together
// (PassDriver::plan), proves the batch, then evaluates every sidecar claim with one pass per
// distinct point and absorbs the claims in schedule order.
template <RecordSource S>
StageOutput prove_stage(ProverContext<S>& ctx, const StageSpec& spec,
                        std::span<StageProver* const> provers) {
  PassDriver driver(ctx.source, ctx.config.pass);
  std::vector<BatchItem> items;
  for (std::size_t i = 0; i < provers.size(); ++i) {
    const unsigned offset = i < spec.instances.size() ? spec.instances[i].offset : 0;
    items.push_back({provers[i], offset});
    driver.add(*provers[i], offset);
  }
  check_stage_items(spec, items);
  const unsigned planned_passes = driver.plan(ctx.config.pass_charge);
  BatchedProverOutput batch = [&] {
    const std::string label = std::string(stage_name(spec.id));
    ProgressRoundHook progress(&driver, label, spec.total_rounds());
    std::vector<std::string_view> names;
    for (const InstanceSpec& inst : spec.instances) names.push_back(inst.name);
    const std::vector<unsigned> degrees = spec.round_degrees();
    return prove_batched(items, ctx.transcript, &progress, BatchLabels{label, names}, degrees);
  }();
  unsigned sidecar_passes = 0;
  StageOutput out;
  out.proof = finish_stage(
      spec, std::move(batch),
      [&](StageClaims& claims) {
        std::map<ClaimPoint, std::vector<ClaimKey>> by_point;
        for (StageProver* p : provers) {
          p->output_claims(ctx.accumulator.points(), claims);
          for (const ClaimKey& k : p->sidecar_claims()) by_point[k.point].push_back(k);
        }
        for (const auto& [point, keys] : by_point) {
          std::vector<PolyId> polys;
          for (const ClaimKey& k : keys) polys.push_back(k.poly);
          const std::vector<Fr> values = evaluate_at_point(
              ctx.source, polys, *ctx.accumulator.points().resolve(point), ctx.config.pass);
          for (std::size_t k = 0; k < keys.size(); ++k) claims.set(keys[k], values[k]);
          ++sidecar_passes;
        }
      },
      ctx.transcript, ctx.accumulator);
  out.passes = driver.passes() + sidecar_passes;
  out.planned_passes = planned_passes;
  return out;
}

}  // namespace rill::zkvm
