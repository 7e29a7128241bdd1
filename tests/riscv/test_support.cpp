#include "test_support.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "rill/riscv/elf_loader.hpp"

namespace rill::riscv::testing {

u32 enc_r(u32 funct7, u32 funct3, u32 opcode, u32 rd, u32 rs1, u32 rs2) {
  return funct7 << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
}
u32 enc_i(i32 imm, u32 funct3, u32 opcode, u32 rd, u32 rs1) {
  return (static_cast<u32>(imm) & 0xFFFu) << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
}
u32 enc_s(i32 imm, u32 funct3, u32 opcode, u32 rs1, u32 rs2) {
  const u32 u = static_cast<u32>(imm);
  return (u >> 5 & 0x7Fu) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | (u & 0x1Fu) << 7 | opcode;
}
u32 enc_b(i32 imm, u32 funct3, u32 rs1, u32 rs2) {
  const u32 u = static_cast<u32>(imm);
  return (u >> 12 & 1u) << 31 | (u >> 5 & 0x3Fu) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 |
         (u >> 1 & 0xFu) << 8 | (u >> 11 & 1u) << 7 | 0x63u;
}
u32 enc_u(u32 imm20, u32 opcode, u32 rd) { return (imm20 & 0xFFFFFu) << 12 | rd << 7 | opcode; }
u32 enc_j(i32 imm, u32 rd) {
  const u32 u = static_cast<u32>(imm);
  return (u >> 20 & 1u) << 31 | (u >> 1 & 0x3FFu) << 21 | (u >> 11 & 1u) << 20 |
         (u >> 12 & 0xFFu) << 12 | rd << 7 | 0x6Fu;
}

std::vector<u32> exit_sequence() {
  return {enc_u(0x7FFFE, 0x37, 31),    // lui x31, 0x7FFFE
          enc_i(1, 0, 0x13, 30, 0),    // addi x30, x0, 1
          enc_s(12, 2, 0x23, 31, 30),  // sw x30, 12(x31): the termination word
          0x0000006Fu};                // jal x0, 0
}

std::vector<u32> with_exit(std::vector<u32> body) {
  for (u32 w : exit_sequence()) body.push_back(w);
  return body;
}

namespace {

void put16(std::vector<u8>& b, std::size_t off, u32 v) {
  b[off] = static_cast<u8>(v);
  b[off + 1] = static_cast<u8>(v >> 8);
}
void put32(std::vector<u8>& b, std::size_t off, u32 v) {
  put16(b, off, v);
  put16(b, off + 2, v >> 16);
}

}  // namespace

std::vector<u8> make_elf(std::span<const u32> text, std::span<const u8> data, u32 data_mem_size) {
  // Layout: ELF header (52) + 2 program headers (64), text at file offset 0x1000, data at
  // 0x1000 + aligned text size (qemu-user maps each segment with its own page permissions).
  const u32 text_bytes = static_cast<u32>(text.size() * 4);
  const u32 text_off = 0x1000, data_off = text_off + ((text_bytes + 0xFFF) & ~0xFFFu);
  std::vector<u8> f(data_off + data.size(), 0);
  const u8 ident[16] = {0x7f, 'E', 'L', 'F', 1, 1, 1, 0};
  std::memcpy(f.data(), ident, 16);
  put16(f, 16, 2);    // ET_EXEC
  put16(f, 18, 243);  // EM_RISCV
  put32(f, 20, 1);    // EV_CURRENT
  put32(f, 24, kTextBase);
  put32(f, 28, 52);  // e_phoff
  put32(f, 32, 0);   // e_shoff
  put32(f, 36, 0);   // e_flags: soft-float, no RVC
  put16(f, 40, 52);
  put16(f, 42, 32);
  put16(f, 44, 2);
  put16(f, 46, 40);
  const u32 data_mem = std::max<u32>(data_mem_size, static_cast<u32>(data.size()));
  const u32 headers[2][6] = {
      {text_off, kTextBase, text_bytes, text_bytes, 5, 0x1000},
      {data_off, kDataBase, static_cast<u32>(data.size()), data_mem, 6, 0x1000}};
  for (int i = 0; i < 2; ++i) {
    const std::size_t h = 52 + 32 * i;
    put32(f, h, 1);  // PT_LOAD
    put32(f, h + 4, headers[i][0]);
    put32(f, h + 8, headers[i][1]);
    put32(f, h + 12, headers[i][1]);
    put32(f, h + 16, headers[i][2]);
    put32(f, h + 20, headers[i][3]);
    put32(f, h + 24, headers[i][4]);
    put32(f, h + 28, headers[i][5]);
  }
  for (std::size_t i = 0; i < text.size(); ++i) put32(f, text_off + 4 * i, text[i]);
  std::copy(data.begin(), data.end(), f.begin() + data_off);
  return f;
}

void write_file(const std::string& path, std::span<const u8> bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
  out.close();
  ::chmod(path.c_str(), 0755);  // qemu-user refuses to load a file without execute permission
}

std::string temp_path(const std::string& name) {
  const char* dir = std::getenv("TMPDIR");
  return fmt::format("{}/rill_riscv_{}_{}", dir ? dir : "/tmp", ::getpid(), name);
}

std::string guest_path(const std::string& name) { return std::string(RILL_GUEST_DIR) + "/" + name; }

namespace {

std::vector<u8> read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

LinuxRun run_qemu(const std::string& elf_path, std::span<const u8> input, bool with_registers) {
  const std::string in = temp_path("qemu.in"), out = temp_path("qemu.out"),
                    log = temp_path("qemu.log");
  write_file(in, input);
  const std::string cmd = fmt::format(
      "timeout 30 qemu-riscv32 -cpu rv32,c=false,a=false,f=false,d=false -singlestep -d "
      "exec,nochain{} -D {} "
      "{} < {} > {}",
      with_registers ? ",cpu" : "", log, elf_path, in, out);
  const int status = std::system(cmd.c_str());
  LinuxRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.output = read_all(out);
  std::ifstream trace(log);
  std::string line;
  std::vector<u32> regs;
  while (std::getline(trace, line)) {
    if (line.starts_with("Trace ")) {
      // "Trace 0: 0x7f.. [00000000/80000000/00107600/00000201] symbol"
      const auto slash = line.find('/');
      run.pcs.push_back(static_cast<u32>(std::stoul(line.substr(slash + 1, 8), nullptr, 16)));
    } else if (line.starts_with(" pc ")) {
      regs.clear();
    } else if (line.starts_with(" x")) {
      std::istringstream fields(line);
      std::string name, value;
      while (fields >> name >> value)
        regs.push_back(static_cast<u32>(std::stoul(value, nullptr, 16)));
      if (regs.size() == 32) run.final_registers = regs;
    }
  }
  std::remove(in.c_str());
  std::remove(out.c_str());
  std::remove(log.c_str());
  return run;
}

namespace {

// read(0), write(1) and exit as Linux answers them (RISC-V: number in a7, arguments in a0..a2).
class LinuxSyscalls : public SystemCallHandler {
 public:
  LinuxSyscalls(const MemoryLayout& layout, std::span<const u8> input, LinuxRun& run)
      : layout_(layout), input_(input), run_(run) {}

  bool handle(u32 address, MachineState& s, std::span<u32> memory) override {
    (void)address;
    u32* x = s.regs.data();
    switch (x[17]) {
      case 63: {  // read(fd, buf, n)
        u32 n = 0;
        for (; n < x[12] && cursor_ < input_.size(); ++n)
          set_byte(memory, x[11] + n, input_[cursor_++]);
        x[10] = n;
        return true;
      }
      case 64:  // write(fd, buf, n)
        for (u32 i = 0; i < x[12]; ++i) run_.output.push_back(get_byte(memory, x[11] + i));
        x[10] = x[12];
        return true;
      case 93:  // exit(code)
        run_.exit_code = static_cast<int>(x[10] & 0xFF);
        run_.final_registers.assign(x, x + 32);
        return false;
      default:
        throw std::runtime_error(fmt::format("unexpected syscall {}", x[17]));
    }
  }

 private:
  u8 get_byte(std::span<u32> m, u32 a) const {
    return static_cast<u8>(m[layout_.word_index(a)] >> (8 * (a % 4)));
  }
  void set_byte(std::span<u32> m, u32 a, u8 v) const {
    u32& w = m[layout_.word_index(a)];
    w = (w & ~(0xFFu << (8 * (a % 4)))) | u32{v} << (8 * (a % 4));
  }
  const MemoryLayout& layout_;
  std::span<const u8> input_;
  LinuxRun& run_;
  std::size_t cursor_ = 0;
};

struct PcRecorder {
  static constexpr bool kRecordsRows = false, kTracksRam = false, kTracksInstructions = true;
  std::vector<u32>* pcs;
  void row(const Row&) {}
  void ram(u32, u32) {}
  void instruction(u32 address) { pcs->push_back(address); }
};

}  // namespace

LinuxRun run_emulator_linux(const std::string& elf_path, std::span<const u8> input) {
  const Machine machine(load_elf(elf_path), MemoryConfig{});
  LinuxRun run;
  LinuxSyscalls syscalls(machine.layout(), input, run);
  Execution execution(machine, {}, u64{1} << 26, &syscalls);
  PcRecorder recorder{&run.pcs};
  while (!execution.step(u64{1} << 26, recorder)) {
  }
  return run;
}

}  // namespace rill::riscv::testing
