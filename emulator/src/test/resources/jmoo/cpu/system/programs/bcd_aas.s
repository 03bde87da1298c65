# AAS over all inputs (every AL, each CF/AF combination, AH = 0x12): when it adjusts, AX - 6
# borrows from AH before AH is decremented (the SDM: AX := AX - 6; AH := AH - 1).
.include "runtime.inc"
.include "bcd.inc"
.text
.globl test_main
test_main:
    ADJUST_TABLE aas, 0x11
    ret
