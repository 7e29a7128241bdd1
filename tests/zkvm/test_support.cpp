#include "test_support.hpp"

#include <random>

#include "../riscv/test_support.hpp"
#include "rill/riscv/elf_loader.hpp"

namespace rill::zkvm::testing {

namespace {

GuestRun run_program(riscv::Program program, std::vector<u8> input) {
  auto machine = std::make_unique<riscv::Machine>(std::move(program), riscv::MemoryConfig{});
  riscv::ExecutionSummary summary;
  tracked_vector<riscv::Row> rows = riscv::execute_rows(*machine, input, &summary);
  RowVectorSource source(std::move(rows), summary.padded_len);
  return GuestRun{std::move(machine), std::move(input), std::move(summary), std::move(source)};
}

}  // namespace

RecordContext record_context(const GuestRun& run) {
  return {&run.machine->bytecode(), &run.machine->layout(),
          OneHotParams::for_sizes(run.source.padded_len(), run.machine->bytecode().padded_size(),
                                  run.summary.k_ram)};
}

GuestRun run_guest(const std::string& name, u32 n) {
  std::vector<u8> input(4);
  for (int i = 0; i < 4; ++i) input[i] = static_cast<u8>(n >> (8 * i));
  return run_program(riscv::load_elf(riscv::testing::guest_path(name + ".elf")), input);
}

GuestRun run_random_program(u64 seed, unsigned length) {
  using namespace riscv::testing;
  std::mt19937_64 rng(seed);
  auto pick = [&](u32 bound) { return static_cast<u32>(rng() % bound); };
  constexpr u32 kBase = 20;  // x20 points at the data buffer
  std::vector<u32> text;
  text.push_back(enc_u(kDataBase >> 12, 0x37, kBase));
  for (u32 r = 1; r < 16; ++r) {
    text.push_back(enc_u(pick(1u << 20), 0x37, r));
    text.push_back(enc_i(static_cast<i32>(pick(4096)) - 2048, 0, 0x13, r, r));
  }
  // rd is x0 one time in sixteen, so the x0 rewrites of the expansion are exercised too.
  auto rd = [&] { return pick(16) == 0 ? 0u : 1 + pick(15); };
  auto rs = [&] { return pick(16); };
  for (unsigned i = 0; i < length; ++i) {
    switch (pick(8)) {
      case 0:
      case 1: {  // base and M-extension register-register operations
        static constexpr u32 kBaseFunct[][2] = {{0, 0}, {0, 0x20}, {1, 0},    {2, 0}, {3, 0},
                                                {4, 0}, {5, 0},    {5, 0x20}, {6, 0}, {7, 0}};
        if (pick(2) == 0) {
          const auto& f = kBaseFunct[pick(10)];
          text.push_back(enc_r(f[1], f[0], 0x33, rd(), rs(), rs()));
        } else {
          text.push_back(enc_r(1, pick(8), 0x33, rd(), rs(), rs()));
        }
        break;
      }
      case 2: {  // register-immediate operations and shifts
        static constexpr u32 kImmFunct[] = {0, 2, 3, 4, 6, 7};
        const u32 kind = pick(9);
        if (kind < 6) {
          text.push_back(
              enc_i(static_cast<i32>(pick(4096)) - 2048, kImmFunct[kind], 0x13, rd(), rs()));
        } else {
          const u32 shamt = pick(32);
          const u32 funct3 = kind == 6 ? 1 : 5;
          const i32 imm = static_cast<i32>(kind == 8 ? (0x400 | shamt) : shamt);
          text.push_back(enc_i(imm, funct3, 0x13, rd(), rs()));
        }
        break;
      }
      case 3:  // upper immediates
        text.push_back(enc_u(pick(1u << 20), pick(2) == 0 ? 0x37 : 0x17, rd()));
        break;
      case 4: {  // loads of every width, aligned
        static constexpr u32 kLoad[][2] = {{0, 1}, {1, 2}, {2, 4}, {4, 1}, {5, 2}};
        const auto& l = kLoad[pick(5)];
        text.push_back(enc_i(static_cast<i32>(pick(64 / l[1]) * l[1]), l[0], 0x03, rd(), kBase));
        break;
      }
      case 5: {  // stores of every width, aligned
        static constexpr u32 kStore[][2] = {{0, 1}, {1, 2}, {2, 4}};
        const auto& s = kStore[pick(3)];
        text.push_back(enc_s(static_cast<i32>(pick(64 / s[1]) * s[1]), s[0], 0x23, kBase, rs()));
        break;
      }
      case 6: {  // a conditional branch over the next instruction
        static constexpr u32 kBranch[] = {0, 1, 4, 5, 6, 7};
        text.push_back(enc_b(8, kBranch[pick(6)], rs(), rs()));
        break;
      }
      default:  // a jump over the next instruction, linking
        text.push_back(enc_j(8, rd()));
        break;
    }
  }
  text.push_back(enc_i(0, 0, 0x13, 0, 0));          // a nop, the landing of a final branch or jump
  for (u32 w : exit_sequence()) text.push_back(w);  // termination word, then the halting jump
  const std::vector<u8> data(64, 0);
  return run_program(riscv::parse_elf(make_elf(text, data, 64)), {});
}

ProveResult prove_run(const GuestRun& run, const ProverOptions& options) {
  return prove(*run.machine, run.input, run.summary, run.source, options,
               shared_dory_setup(run_shape(*run.machine, run.summary)));
}

const DoryVerifierSetup& test_verifier_setup() { return shared_dory_setup(20).verifier(); }

VerifyResult verify_statement(const riscv::Machine& machine, std::span<const u8> input,
                              std::span<const u8> output, bool panicked, const Proof& proof) {
  return verify(machine, input, output, panicked, proof, test_verifier_setup());
}

VerifyResult verify_run(const GuestRun& run, const Proof& proof) {
  return verify_statement(*run.machine, run.input, run.summary.output, run.summary.panicked, proof);
}

Transcript transcript_after_stage0(const GuestRun& run, const Proof& proof) {
  Statement statement = make_statement(*run.machine, run.input, proof.output, proof.panicked,
                                       proof.trace_length, proof.ram_k);
  statement.setup_digest = test_verifier_setup().digest(opening_log_columns(proof.shape()));
  Transcript transcript = start_transcript(statement);
  absorb_commitments(proof.commitments, transcript);
  return transcript;
}

const StageReport& stage_report(const ProveResult& result, std::string_view name) {
  for (const StageReport& report : result.stages) {
    const std::string_view full = report.name;
    if (full.substr(0, full.find(':')) == name) return report;
  }
  RILL_CHECK(false, "the prover reported no such stage");
  return result.stages.front();
}

}  // namespace rill::zkvm::testing
