/* a pid no process can have (above any pid_max): D_PROC_GRAB */
pid2147483647:a.out:add:entry
{
}
