// The trace as every zkvm stage reads it: a ChunkSource of riscv::Row (ARCHITECTURE.md §2).
// Stage entry points are templates over RowSource and never see a materialized trace: the
// riscv layer's TraceSource (MaterializedTrace, ReplayTrace) models it, and so do test sources
// whose rows a test may corrupt.
#pragma once

#include <concepts>
#include <cstdint>
#include <span>

#include "rill/riscv/trace_row.hpp"
#include "rill/riscv/trace_source.hpp"
#include "rill/util/chunk_source.hpp"

namespace rill::zkvm {

template <class S>
concept RowSource = ChunkSource<S> && std::same_as<typename S::Record, riscv::Row>;

// One chunk of consecutive rows handed to a visitor (never a whole trace).
template <class Record>
using ChunkOf = std::span<const Record>;
using RowChunk = ChunkOf<riscv::Row>;

static_assert(RowSource<riscv::TraceSource>);

}  // namespace rill::zkvm
