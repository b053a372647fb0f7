/* a kernel enum tag that is also a D global variable */
int BPF_MAP_TYPE_HASH;
BEGIN { trace((enum bpf_map_type)1 == BPF_MAP_TYPE_HASH); }
