-- What the model's provider said it is for, as shown beside each prediction (e.g. "not for clinical use").
ALTER TABLE prediction ADD COLUMN intended_use VARCHAR(500) NOT NULL DEFAULT '';
