"""The DfE termly CME return and the Lost Pupils Database file."""
