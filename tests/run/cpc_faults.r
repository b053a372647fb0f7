cpc:::page_faults-user-1 true kpc=0 upc=1

