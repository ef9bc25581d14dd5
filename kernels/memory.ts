// AssemblyScript: addressing f64 arrays in the module's memory by element index, shared by every kernel file (inlined,
// so a call costs nothing).

@inline export function at(base: usize, index: i32): usize {
  return base + (<usize>index << 3);
}

@inline export function ld(base: usize, index: i32): f64 {
  return load<f64>(base + (<usize>index << 3));
}

@inline export function st(base: usize, index: i32, value: f64): void {
  store<f64>(base + (<usize>index << 3), value);
}
