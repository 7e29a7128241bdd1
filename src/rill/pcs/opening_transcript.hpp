// Transcript framing of Dory messages, shared by prover and verifier so both absorb the same
// bytes in the same order (docs/proof-format.md, "Dory proofs and commitments"). Every element
// is absorbed as its canonical uncompressed encoding under its own label.
#pragma once

#include <string_view>

#include "rill/curve/g1.hpp"
#include "rill/curve/g2.hpp"
#include "rill/curve/gt.hpp"
#include "rill/pcs/proof.hpp"
#include "rill/transcript/transcript.hpp"

namespace rill::detail {

inline void absorb(Transcript& t, std::string_view label, const GT& x) {
  const auto bytes = x.to_bytes();
  t.append_bytes(label, bytes);
}
inline void absorb(Transcript& t, std::string_view label, const G1Affine& x) {
  const auto bytes = x.to_uncompressed_bytes();
  t.append_bytes(label, bytes);
}
inline void absorb(Transcript& t, std::string_view label, const G2Affine& x) {
  const auto bytes = x.to_uncompressed_bytes();
  t.append_bytes(label, bytes);
}

inline void absorb_vmv(Transcript& t, const DoryProof& p) {
  absorb(t, "dory_vmv_c", p.vmv_c);
  absorb(t, "dory_vmv_d2", p.vmv_d2);
  absorb(t, "dory_vmv_e1", p.vmv_e1);
}

inline void absorb_first(Transcript& t, const DoryFirstMessage& m) {
  absorb(t, "dory_d1_left", m.d1_left);
  absorb(t, "dory_d1_right", m.d1_right);
  absorb(t, "dory_d2_left", m.d2_left);
  absorb(t, "dory_d2_right", m.d2_right);
  absorb(t, "dory_e1_beta", m.e1_beta);
  absorb(t, "dory_e2_beta", m.e2_beta);
}

inline void absorb_second(Transcript& t, const DorySecondMessage& m) {
  absorb(t, "dory_c_plus", m.c_plus);
  absorb(t, "dory_c_minus", m.c_minus);
  absorb(t, "dory_e1_plus", m.e1_plus);
  absorb(t, "dory_e1_minus", m.e1_minus);
  absorb(t, "dory_e2_plus", m.e2_plus);
  absorb(t, "dory_e2_minus", m.e2_minus);
}

inline void absorb_final(Transcript& t, const G1Affine& f1, const G2Affine& f2) {
  absorb(t, "dory_final_e1", f1);
  absorb(t, "dory_final_e2", f2);
}

}  // namespace rill::detail
