/*
 * ops_table.h - the designated initialisers of a struct tb_ops_isa, one
 * per ops.def row: include it inside the table's initialiser with
 * TB_OPS_FN(name) defined to that ISA's function for the family name
 * (ref.c: r_<name>, vec_body.h: v_<name>).  A row without its function is
 * an undeclared identifier, so a build error.
 */
.bin = {
#define TB_OP_BIN(ID, name, ...) [TB_##ID] = TB_OPS_FN(name),
#include "ops.def"
},
.act = {
#define TB_OP_ACT(ID, name, ...) [TB_##ID] = TB_OPS_FN(name),
#include "ops.def"
},
.sum = TB_OPS_FN(sum), .max = TB_OPS_FN(max), .min = TB_OPS_FN(min),
.cols = TB_OPS_FN(cols), .fill = TB_OPS_FN(fill), .copy = TB_OPS_FN(copy),
