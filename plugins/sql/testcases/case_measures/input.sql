-- A social-service case system's measures (synthetic: no real person). Both laws appear,
-- as they do in one extract after 1 January 2024 (Barnets Lov §213).
CREATE TABLE foranstaltning (
  sag_id INTEGER PRIMARY KEY,
  cpr TEXT,
  kommune TEXT,
  paragraf TEXT,
  anbringelsessted TEXT,
  startdato DATE,
  slutdato TEXT,
  opdateret TEXT
);
INSERT INTO foranstaltning VALUES
  (1, '0101121234', '101', 'SEL § 52, stk. 3, nr. 7', 'Plejefamilie', '2022-05-01', '2023-12-31', '2024-01-05 08:00:00'),
  (2, '0202121234', '101', 'BL § 46', 'Opholdssted', '2024-02-01', NULL, '2024-02-01 09:15:00'),
  (3, '0303121234', '101', 'BL § 32, stk. 1, nr. 3', NULL, '2024-02-10', '', '2024-02-01 09:15:00'),
  (4, '', '101', 'BL § 47', 'Døgninstitution', '2024-03-01', NULL, '2024-03-01 10:00:00'),
  (5, '0505121234', '101', 'SEL § 58', 'Døgninstitution', '2023-11-01', '01-02-2024', '2024-03-02 11:00:00'),
  (6, '0606121234', '101', 'BL § 20', NULL, '2024-03-05', '2024-04-05', '2024-03-02 11:00:00');
