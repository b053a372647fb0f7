/*
 * net.d -- Linux address families and hardware types, as the network
 * providers report them.
 */

inline int AF_UNSPEC = 0;
inline int AF_UNIX = 1;
inline int AF_INET = 2;
inline int AF_INET6 = 10;
inline int ARPHRD_ETHER = 1;
inline int ARPHRD_INFINIBAND = 32;

/* the IPv6 address inet_ntoa6() formats: the kernel's struct in6_addr */
typedef struct in6_addr in6_addr_t;
