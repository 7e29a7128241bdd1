/* Guest entry: set gp and sp (qemu-user presets sp, the zkVM starts with all registers 0),
 * zero .bss, run main, then end through rill_exit (guest.h). */
    .section .text.init, "ax"
    .globl _start
_start:
    .option push
    .option norelax
    la   gp, __global_pointer$
    .option pop
    la   sp, __stack_top
    la   t0, __bss_start
    la   t1, __bss_end
1:  bgeu t0, t1, 2f
    sw   zero, 0(t0)
    addi t0, t0, 4
    j    1b
2:  call main
    call rill_exit
3:  j    3b
