/* printa() of aggregations with incompatible key types */
BEGIN { @a[1] = count(); @b["x"] = count(); printa("%@d %@d\n", @a, @b); }
