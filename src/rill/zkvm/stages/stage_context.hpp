// What every stage's prover receives (the stage contract, stage_proof.hpp): the trace as a
// source of per-row records, the sizes, how to read the trace, the transcript and the opening
// accumulator. Stages never see a materialized trace (ARCHITECTURE.md §2), and no stage code
// branches on the mode: the mode only chooses the schedules (StageConfig).
#pragma once

#include "rill/sumcheck/pass_driver.hpp"
#include "rill/sumcheck/schedule.hpp"
#include "rill/transcript/transcript.hpp"
#include "rill/zkvm/stages/opening_accumulator.hpp"
#include "rill/zkvm/stages/stage_proof.hpp"
#include "rill/zkvm/stages/stage_table.hpp"
#include "rill/zkvm/witness/cycle_record.hpp"

namespace rill::zkvm {

// How a stage reads the trace: the schedule of its cycle rounds and the pass shape.
struct StageConfig {
  bool streaming = false;
  unsigned max_window = 10;
  PassOptions pass;
};

template <RecordSource S>
struct ProverContext {
  const S& source;
  ProtocolShape shape;
  StageConfig config;
  Transcript& transcript;
  OpeningAccumulator& accumulator;
};

struct StageOutput {
  StageProof proof;
  unsigned passes = 0;  // passes over the trace, sidecar passes included
};

}  // namespace rill::zkvm
