/**
 * The VERIS 1.4.0 vocabulary Firebreak writes and plans may name (docs/veris.md): the enumerations
 * of the VERIS schema (verisc-merged.json) for actions, actors, attributes, discovery, assets,
 * time units and impact, so that a plan's mapping is checked when it is linted and an export
 * uses only values the schema takes.
 *
 * The values are from the VERIS Community Database schema (https://github.com/vz-risk/veris),
 * licensed CC BY-SA 4.0; see docs/veris.md.
 */
export const VERIS_SCHEMA_VERSION = "1.4.0";

/** Action categories and the varieties, vectors (and, for social, targets) each takes. */
// biome-ignore format: one vocabulary list a line, as the schema has them
export const VERIS_ACTIONS = {
  hacking: {
    variety: ["Abuse of functionality", "Backdoor", "Brute force", "Buffer overflow", "Cache poisoning", "Cryptanalysis", "CSRF", "Disable controls", "DoS", "Evade Defenses", "Exploit misconfig", "Exploit vuln", "Forced browsing", "Format string attack", "Fuzz testing", "Hijack", "HTTP request smuggling", "HTTP request splitting", "HTTP response smuggling", "HTTP response splitting", "Insecure deserialization", "Integer overflows", "LDAP injection", "Mail command injection", "AitM", "Null byte injection", "Offline cracking", "OS commanding", "Pass-the-hash", "Path traversal", "Profile host", "Prompt injection", "Reverse engineering", "RFI", "Routing detour", "Scan network", "Session fixation", "Session prediction", "Session replay", "Soap array abuse", "Special element injection", "SQLi", "SSI injection", "URL redirector abuse", "Use of stolen creds", "User breakout", "Virtual machine escape", "XML attribute blowup", "XML entity expansion", "XML external entities", "XML injection", "XPath injection", "XQuery injection", "XSS", "Other", "Unknown"],
    vector: ["3rd party desktop", "Backdoor", "Command shell", "Desktop sharing", "Desktop sharing software", "Hypervisor", "Inter-tenant", "Other network service", "Partner", "Physical access", "VPN", "Web application", "Other", "Unknown"],
  },
  malware: {
    variety: ["Adminware", "Adware", "Backdoor", "Backdoor or C2", "Brute force", "C2", "Capture app data", "Capture stored data", "Click fraud", "Click fraud and cryptocurrency mining", "Client-side attack", "Cryptocurrency mining", "Destroy data", "In-memory", "AitM", "Modify data", "Disable controls", "DoS", "Downloader", "Exploit misconfig", "Evade Defenses", "Exploit vuln", "Export data", "Packet sniffer", "Pass-the-hash", "Password dumper", "Profile host", "RAM scraper", "Ransomware", "RAT", "Rootkit", "Scan network", "Spam", "Spyware/Keylogger", "Trojan", "Worm", "Other", "Unknown"],
    vector: ["C2", "Direct install", "Download by malware", "Email", "Email attachment", "Email autoexecute", "Email link", "Email unknown", "Email other", "Instant messaging", "Network propagation", "Partner", "Remote injection", "Removable media", "Software update", "Web application", "Web application - download", "Web application - drive-by", "Other", "Unknown"],
  },
  social: {
    variety: ["Baiting", "Bribery", "Elicitation", "Evade Defenses", "Extortion", "Forgery", "Influence", "Phishing", "Pretexting", "Prompt bombing", "Propaganda", "Scam", "Spam", "Other", "Unknown"],
    vector: ["Documents", "Email", "IM", "In-person", "Partner", "Phone", "Removable media", "SMS", "Social media", "Software", "Virtual meeting", "Web application", "Other", "Unknown"],
    target: ["Auditor", "Call center", "Cashier", "Customer", "Developer", "End-user", "End-user or employee", "Executive", "Finance", "Former employee", "Guard", "Helpdesk", "Human resources", "Maintenance", "Manager", "Other employee", "Partner", "System admin", "Other", "Unknown"],
  },
  error: {
    variety: ["Capacity shortage", "Classification error", "Data entry error", "Disposal error", "Gaffe", "Loss", "Maintenance error", "Malfunction", "Misconfiguration", "Misdelivery", "Misinformation", "Physical accidents", "Programming error", "Publishing error", "Other", "Unknown"],
    vector: ["Carelessness", "Inadequate personnel", "Inadequate processes", "Inadequate technology", "Other", "Random error", "Web application", "Unknown"],
  },
  misuse: {
    variety: ["Data mishandling", "Email misuse", "Evade Defenses", "Illicit content", "Knowledge abuse", "Net misuse", "Password or Session Sharing", "Possession abuse", "Privilege abuse", "Snap picture", "Unapproved hardware", "Unapproved software", "Unapproved workaround", "Other", "Unknown"],
    vector: ["LAN access", "Non-corporate", "Physical access", "Remote access", "Web application", "Other", "Unknown"],
  },
  physical: {
    variety: ["Assault", "Bypassed controls", "Connection", "Destruction", "Disabled controls", "Evade Defenses", "Skimmer", "Snooping", "Surveillance", "Tampering", "Theft", "Wiretapping", "Other", "Unknown"],
    vector: ["Partner facility", "Partner vehicle", "Personal residence", "Personal vehicle", "Public facility", "Public vehicle", "Victim grounds", "Victim public area", "Victim secure area", "Victim work area", "Unknown", "Other"],
  },
  environmental: {
    variety: ["Deterioration", "Earthquake", "EMI", "ESD", "Fire", "Flood", "Hazmat", "Humidity", "Hurricane", "Ice", "Landslide", "Leak", "Lightning", "Meteorite", "Particulates", "Pathogen", "Power failure", "Temperature", "Tornado", "Tsunami", "Vermin", "Volcano", "Wind", "Other", "Unknown"],
  },
} as const;

/** Actor categories with their varieties (external, internal) and motives. */
// biome-ignore format: one vocabulary list a line, as the schema has them
export const VERIS_ACTORS = {
  external: {
    variety: ["Acquaintance", "Activist", "Auditor", "Competitor", "Customer", "Force majeure", "Former employee", "Nation-state", "Organized crime", "State-affiliated", "Terrorist", "Unaffiliated", "Other", "Unknown"],
    motive: ["Convenience", "Espionage", "Fear", "Financial", "Fun", "Grudge", "Ideology", "NA", "Secondary", "Other", "Unknown"],
  },
  internal: {
    variety: ["Auditor", "Call center", "Cashier", "Developer", "End-user", "Executive", "Finance", "Guard", "Helpdesk", "Human resources", "Maintenance", "Manager", "System admin", "Doctor or nurse", "Other", "Unknown"],
    motive: ["Convenience", "Espionage", "Fear", "Financial", "Fun", "Grudge", "Ideology", "Secondary", "NA", "Other", "Unknown"],
  },
  partner: {
    motive: ["Convenience", "Espionage", "Fear", "Financial", "Fun", "Grudge", "Ideology", "Secondary", "NA", "Other", "Unknown"],
  },
} as const;

/** Attribute varieties: data compromised (confidentiality), integrity and availability. */
// biome-ignore format: one vocabulary list a line, as the schema has them
export const VERIS_ATTRIBUTES = {
  confidentiality: ["API key", "Bank", "Classified", "Copyrighted", "Credentials", "Digital certificate", "Internal", "Medical", "Multi-factor credential", "Payment", "Personal", "Sensitive Personal", "Secrets", "Session key", "Source code", "System", "Virtual currency", "Other", "Unknown"],
  integrity: ["Alter behavior", "Created account", "Defacement", "Fraudulent transaction", "Hardware tampering", "Log tampering", "Misrepresentation", "Modify authentication", "Modify configuration", "Modify data", "Modify privileges", "Register MFA device", "Repurpose", "Software installation", "Other", "Unknown"],
  availability: ["Acceleration", "Degradation", "Destruction", "Interruption", "Loss", "Obscuration", "Other", "Unknown"],
} as const;

/** How the victim itself found the incident. */
// biome-ignore format: one vocabulary list a line, as the schema has them
export const VERIS_INTERNAL_DISCOVERY = ["Antivirus", "Break in discovered", "Data loss prevention", "Financial audit", "Fraud detection", "Hids", "Incident response", "Infrastructure monitoring", "It review", "Log review", "Nids", "Offboarding", "Reported by employee", "Security alarm", "Other", "Unknown"] as const;

/** Asset varieties. */
// biome-ignore format: one vocabulary list a line, as the schema has them
export const VERIS_ASSETS = ["M - Disk drive", "M - Disk media", "M - Documents", "M - Flash drive", "M - Payment card", "M - Smart card", "M - SIM card", "M - Tapes", "M - Other", "M - Unknown", "M - Fax", "N - Access reader", "N - Broadband", "N - Camera", "N - Firewall", "N - IDS", "N - LAN", "N - NAS", "N - PBX", "N - PLC", "N - Private WAN", "N - Public WAN", "N - Remote access", "N - Router or switch", "N - RTU", "N - SAN", "N - Telephone", "N - VoIP adapter", "N - WLAN", "N - Other", "N - Unknown", "P - Auditor", "P - Call center", "P - Cashier", "P - Customer", "P - Developer", "P - End-user", "P - End-user or employee", "P - Executive", "P - Finance", "P - Former employee", "P - Guard", "P - Helpdesk", "P - Human resources", "P - Maintenance", "P - Manager", "P - Other employee", "P - Partner", "P - System admin", "P - Other", "P - Unknown", "S - Authentication", "S - Backup", "S - Configuration or patch management", "S - Code repository", "S - Database", "S - DCS", "S - DHCP", "S - Directory", "S - DNS", "S - File", "S - ICS", "S - LLM application", "S - Log", "S - Mail", "S - Mainframe", "S - Payment switch", "S - POS controller", "S - Print", "S - Proxy", "S - Secrets vault", "S - VM host", "S - Web application", "S - Other", "S - Unknown", "T - ATM", "T - Gas terminal", "T - Kiosk", "T - PED pad", "T - Other", "T - Unknown", "U - Auth token", "U - Desktop", "U - Desktop or laptop", "U - Laptop", "U - Media", "U - Mobile phone", "U - Peripheral", "U - POS terminal", "U - Tablet", "U - Telephone", "U - VoIP phone", "U - Other", "U - Unknown", "E - Telemetry", "E - Telematics", "E - Other", "E - Unknown", "Unknown", "Other"] as const;

/** Units of the timeline's durations. */
// biome-ignore format: one vocabulary list a line, as the schema has them
export const VERIS_TIME_UNITS = ["Seconds", "Minutes", "Hours", "Days", "Weeks", "Months", "Years", "Never", "NA", "Unknown"] as const;

/** Overall impact ratings, worst first. */
// biome-ignore format: one vocabulary list a line, as the schema has them
export const VERIS_IMPACT_RATINGS = ["Catastrophic", "Damaging", "Painful", "Distracting", "Insignificant", "Unknown"] as const;
